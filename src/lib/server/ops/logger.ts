/** The process's logger, made on first use at the configured LOG_LEVEL (never at import). */
import { config } from '../config';
import { createLogger, type Logger } from './log';

let made: Logger | undefined;

export function logger(): Logger {
	if (made) return made;
	let level;
	try {
		level = config().logLevel;
	} catch {
		// A bad variable stops the start elsewhere with its name; the error saying so must
		// still be logged, so the logger does not depend on the rest of the configuration.
		level = 'info' as const;
	}
	made = createLogger(level);
	return made;
}
