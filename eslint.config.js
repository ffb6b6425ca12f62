import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Which floor may import which (docs/architecture.md, "Lint walls"). Each floor of src/lib lists the
 * floors it stands on; every other floor is walled off, both bare (`$lib/local`) and deep
 * (`$lib/local/*`). Relative imports may not climb out of a floor (`climbOut`), so `$lib/…` is
 * the only way across and the walls see every crossing. Tests may wire floors together.
 */
const floors = [
	'schemas',
	'domain',
	'model',
	'files',
	'i18n',
	'charts',
	'demo',
	'local',
	'sync',
	'session',
	'pwa',
	'state',
	'components',
	'server',
	'paraglide'
];
const client = ['svelte', 'svelte/*', '$app/*'];
const packages = {
	dexie: ['dexie'],
	svelte: ['svelte', 'svelte/*'],
	app: ['$app/*'],
	chart: ['chart.js', 'chart.js/*'],
	excel: ['read-excel-file', 'read-excel-file/*', 'write-excel-file', 'write-excel-file/*']
};
/** floor: [floors it may import, packages it may not]. */
const walls = {
	schemas: [[], [packages.dexie, client, packages.chart, packages.excel]],
	domain: [['schemas'], [packages.dexie, client, packages.chart, packages.excel]],
	model: [
		['schemas', 'domain'],
		[packages.dexie, client, packages.chart, packages.excel]
	],
	files: [
		['schemas', 'domain'],
		[packages.dexie, client, packages.chart]
	],
	i18n: [
		['schemas', 'domain', 'paraglide'],
		[packages.dexie, packages.app, packages.chart, packages.excel]
	],
	charts: [
		['schemas', 'domain', 'files', 'i18n', 'paraglide'],
		[packages.dexie, packages.app, packages.excel]
	],
	demo: [
		['schemas', 'domain', 'model'],
		[packages.dexie, client, packages.chart, packages.excel]
	],
	local: [
		['schemas', 'domain', 'model'],
		[client, packages.chart, packages.excel]
	],
	sync: [
		['schemas', 'domain', 'model', 'local'],
		[client, packages.chart, packages.excel]
	],
	session: [
		['schemas', 'domain', 'model', 'local', 'sync'],
		[client, packages.chart, packages.excel]
	],
	pwa: [['paraglide'], [packages.dexie, packages.chart, packages.excel]],
	state: [
		[
			'schemas',
			'domain',
			'model',
			'files',
			'i18n',
			'charts',
			'local',
			'sync',
			'session',
			'pwa',
			'paraglide'
		],
		[packages.dexie, packages.chart, packages.excel]
	],
	components: [
		['schemas', 'domain', 'files', 'i18n', 'charts', 'pwa', 'state', 'paraglide'],
		[packages.dexie, packages.chart, packages.excel]
	],
	server: [
		['schemas', 'domain', 'model', 'demo', 'paraglide'],
		[packages.dexie, packages.svelte, packages.chart, packages.excel]
	]
};
const productCode = (glob) => ({
	files: [glob],
	ignores: ['src/**/*.test.ts', 'src/**/testing/**']
});
/**
 * A file `depth` folders below its floor may not go up `depth + 1` levels: that leaves the floor.
 * One rule per file (a later block would replace an earlier one), so each block carries both.
 */
const climbOut = (depth) => ({
	regex: `^(\\.\\./){${depth + 1}}`,
	message: 'leaves its floor: import another floor through $lib/…'
});
const floorWall = (floor, [may, banned], depth) => [
	'error',
	{
		patterns: [
			...[
				...floors
					.filter((f) => f !== floor && !may.includes(f))
					.flatMap((f) => [`$lib/${f}`, `$lib/${f}/*`]),
				...banned.flat()
			].map((group) => ({ group: [group], message: 'crosses a layer boundary' })),
			climbOut(depth)
		]
	}
];
const wall = (groups) => [
	'error',
	{ patterns: groups.map((group) => ({ group: [group], message: 'crosses a layer boundary' })) }
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
	...Object.entries(walls).flatMap(([floor, rule]) =>
		[0, 1, 2, 3].map((depth) => ({
			...productCode(`src/lib/${floor}/${'*/'.repeat(depth)}*.{ts,js,svelte}`),
			rules: { 'no-restricted-imports': floorWall(floor, rule, depth) }
		}))
	),
	{
		// Pages and their components: no database package and, outside +*.server.ts, no server code.
		...productCode('src/routes/**'),
		ignores: ['src/**/*.test.ts', 'src/routes/**/+*server.ts'],
		rules: {
			'no-restricted-imports': wall([
				...packages.dexie,
				'$lib/server',
				'$lib/server/*',
				'$lib/demo',
				'$lib/demo/*'
			])
		}
	}
);
