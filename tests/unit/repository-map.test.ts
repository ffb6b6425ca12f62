/**
 * The map and the territory: every document a comment cites exists in the repository, and the
 * README's layout names every folder of src/lib. A rename that forgets either fails here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const skip = new Set(['node_modules', 'paraglide', '.svelte-kit', 'build']);

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		if (skip.has(name) || name.startsWith('.')) return [];
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

const sources = ['src', 'scripts', 'tests']
	.flatMap((dir) => filesUnder(join(root, dir)))
	.filter((path) => /\.(ts|js|svelte)$/.test(path));

describe('repository map', () => {
	it('cites only documents that exist', () => {
		const missing: string[] = [];
		let cited = 0;
		for (const path of sources) {
			const text = readFileSync(path, 'utf8');
			for (const [, doc] of text.matchAll(/\b(docs\/[\w./-]+\.md)\b/g)) {
				cited++;
				if (!existsSync(join(root, doc))) missing.push(`${relative(root, path)} → ${doc}`);
			}
			// A bare file name, with no docs/ before it, points nowhere a reader can follow.
			for (const [, doc] of text.matchAll(/[(\s](\w[\w-]*\.md)\b/g)) {
				if (!['README.md', 'CHANGELOG.md'].includes(doc))
					missing.push(`${relative(root, path)} → ${doc}`);
			}
		}
		expect(missing).toEqual([]);
		expect(cited).toBeGreaterThan(20);
	});

	it('lists every folder of src/lib in the README layout', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const folders = readdirSync(join(root, 'src', 'lib')).filter((name) =>
			statSync(join(root, 'src', 'lib', name)).isDirectory()
		);
		expect(folders.length).toBeGreaterThan(10);
		expect(folders.filter((name) => !readme.includes(`src/lib/${name}/`))).toEqual([]);
	});
});
