import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Which layer may import which (docs/architecture.md, "Lint walls"). */
const forbid = (...patterns) => [
	'error',
	{ patterns: patterns.map((group) => ({ group: [group], message: 'crosses a layer boundary' })) }
];

export default ts.config(
	{
		ignores: [
			'build/',
			'build-*/',
			'.svelte-kit-*/',
			'.e2e-data*/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'data/',
			'drizzle/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/**/*.ts'],
		ignores: ['src/**/*.test.ts'],
		languageOptions: { parserOptions: { projectService: true } },
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
	},
	{
		files: ['src/lib/schemas/**'],
		rules: {
			'no-restricted-imports': forbid(
				'dexie',
				'svelte',
				'svelte/*',
				'$app/*',
				'$lib/*',
				'**/domain/**',
				'**/model/**',
				'**/local/**',
				'**/sync/**',
				'**/session/**',
				'**/server/**',
				'**/state/**'
			)
		}
	},
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': forbid(
				'dexie',
				'svelte',
				'svelte/*',
				'$app/*',
				'$lib/model',
				'$lib/model/*',
				'$lib/local',
				'$lib/local/*',
				'$lib/sync',
				'$lib/sync/*',
				'$lib/session',
				'$lib/session/*',
				'$lib/server',
				'$lib/server/*',
				'$lib/state',
				'$lib/state/*',
				'$lib/components/*',
				'$lib/paraglide/*',
				'**/model/**',
				'**/local/**',
				'**/sync/**',
				'**/session/**',
				'**/server/**',
				'**/state/**'
			)
		}
	},
	{
		// The shared model runs in the browser and on the server alike: schemas and domain only.
		files: ['src/lib/model/**'],
		rules: {
			'no-restricted-imports': forbid(
				'dexie',
				'svelte',
				'svelte/*',
				'$app/*',
				'$lib/local',
				'$lib/local/*',
				'$lib/sync',
				'$lib/sync/*',
				'$lib/session',
				'$lib/session/*',
				'$lib/state',
				'$lib/state/*',
				'$lib/server',
				'$lib/server/*',
				'$lib/components/*',
				'$lib/paraglide/*',
				'**/local/**',
				'**/sync/**',
				'**/session/**',
				'**/state/**',
				'**/server/**',
				'**/components/**'
			)
		}
	},
	{
		files: ['src/lib/local/**'],
		rules: {
			'no-restricted-imports': forbid(
				'svelte',
				'svelte/*',
				'$app/*',
				'$lib/sync',
				'$lib/sync/*',
				'$lib/session',
				'$lib/session/*',
				'$lib/server',
				'$lib/server/*',
				'$lib/state',
				'$lib/state/*',
				'$lib/components/*',
				'**/sync/**',
				'**/session/**',
				'**/server/**'
			)
		}
	},
	{
		files: ['src/lib/sync/**'],
		rules: {
			'no-restricted-imports': forbid(
				'svelte',
				'svelte/*',
				'$lib/server',
				'$lib/server/*',
				'$lib/state',
				'$lib/state/*',
				'$lib/components/*',
				'**/server/**',
				'**/state/**'
			)
		}
	},
	{
		files: ['src/lib/session/**'],
		rules: {
			'no-restricted-imports': forbid(
				'svelte',
				'svelte/*',
				'$lib/server',
				'$lib/server/*',
				'$lib/state',
				'$lib/state/*',
				'$lib/components',
				'$lib/components/*',
				'**/server/**',
				'**/state/**',
				'**/components/**'
			)
		}
	},
	{
		files: ['src/lib/server/**'],
		rules: {
			'no-restricted-imports': forbid(
				'dexie',
				'svelte',
				'svelte/*',
				'$lib/local',
				'$lib/local/*',
				'$lib/sync',
				'$lib/sync/*',
				'$lib/session',
				'$lib/session/*',
				'$lib/state',
				'$lib/state/*',
				'$lib/components/*',
				'chart.js',
				'chart.js/*'
			)
		}
	},
	{
		files: ['src/lib/components/**', 'src/routes/**/*.svelte', 'src/lib/state/**'],
		rules: { 'no-restricted-imports': forbid('dexie', '$lib/server/*', '**/server/**') }
	}
);
