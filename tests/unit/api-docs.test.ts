/**
 * docs/api.md is generated from the schemas; this fails when a schema changed and the file was
 * not regenerated (`npm run docs:api`). The answers documented from schemas the server does not
 * parse itself (audit, retention) are held to the server's types here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { auditPage, erasureReport } from '$lib/schemas';
import type { AuditPage } from '$lib/server/audit';
import type { ErasureReport } from '$lib/server/retention';
import { mutators } from '$lib/model';
import { apiDocsPath, renderApiDocs } from '../../scripts/api-docs';

describe('docs/api.md', () => {
	it('matches the schemas (run `npm run docs:api` after changing one)', async () => {
		const rendered = await renderApiDocs();
		expect(rendered === readFileSync(apiDocsPath, 'utf8'), 'docs/api.md is out of date').toBe(true);
	});

	it('documents every mutation and every endpoint', async () => {
		const rendered = await renderApiDocs();
		for (const name of Object.keys(mutators)) expect(rendered).toContain(`### ${name}\n`);
		for (const path of ['login', 'logout', 'me', 'push', 'pull', 'events', 'audit', 'retention']) {
			expect(rendered).toMatch(new RegExp(`### (GET|POST) /api/(auth/|sync/)?${path}\\n`));
		}
		expect(rendered).toContain('### GET /api/health\n');
	});

	it("documents the server's own answer types", () => {
		expectTypeOf<z.infer<typeof auditPage>>().toEqualTypeOf<AuditPage>();
		expectTypeOf<z.infer<typeof erasureReport>>().toEqualTypeOf<ErasureReport>();
	});
});
