import { test as base } from '@playwright/test';

export * from '@playwright/test';

/**
 * The suite runs in several workers, each with a server and a database of its own
 * (playwright.config.ts): a journey changes the demo centre's data as a hall would, and two
 * journeys at once on one server would meet in it. A worker's `parallelIndex` is its server.
 */
export const e2ePort = (parallelIndex: number) =>
	Number(process.env.E2E_PORT ?? 4180) + parallelIndex;

export const test = base.extend({
	// Playwright reads a fixture's dependencies from its first parameter: it must be a pattern.
	// eslint-disable-next-line no-empty-pattern
	baseURL: async ({}, use, testInfo) => {
		await use(`http://localhost:${e2ePort(testInfo.parallelIndex)}`);
	}
});
