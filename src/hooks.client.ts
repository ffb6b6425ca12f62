import { z } from 'zod';

// The CSP allows no eval (script-src 'self', svelte.config.js). Zod 4 probes `new Function` to
// compile faster object parsers; under this CSP the probe always fails and the browser logs it as
// a policy violation on every page. Parsing without the compiler is what happened anyway.
z.config({ jitless: true });
