/** The demo district's branch halls: valid records of their own centre, smaller than the main hall. */
import { describe, expect, it } from 'vitest';
import { entities, parseRecord, type EntityName, type VolumeEntry } from '$lib/schemas';
import { windowArrivals } from '$lib/domain/volume';
import { demoBranches, generateDemo } from './generate';

const today = '2026-11-26';

describe('demo branches', () => {
	const main = generateDemo({ seed: 2026, today });
	const branch = demoBranches[0];
	const demo = generateDemo({ seed: branch.seed, today, branch });
	const volume = (records: typeof demo.records) =>
		records.filter((r) => r.entity === 'volume').map((r) => r.data as VolumeEntry);
	const arrivals = (records: typeof demo.records) =>
		volume(records).reduce((n, v) => n + windowArrivals(v.counters), 0);

	it('holds valid records of the branch only, in the same district as the main hall', () => {
		expect(demo.centre).toMatchObject({ id: branch.id, slug: branch.slug, name: branch.name });
		expect(demo.district).toBe(main.district);
		for (const { entity, data } of demo.records) {
			const row = parseRecord(entities[entity as EntityName] as never, data) as {
				id: string;
				centreId: string;
			};
			expect(row.centreId).toBe(branch.id);
			expect(row.id.startsWith('demo-centre')).toBe(false);
		}
		const kinds = new Set(demo.records.map((r) => r.entity));
		for (const left of ['slot', 'evaluation', 'taskForceMember'])
			expect(kinds.has(left as EntityName)).toBe(false);
		expect(demo.records.filter((r) => r.entity === 'dayPlan').length).toBeGreaterThan(0);
	});

	it('counts a share of a hall, with refusal reasons that still add up', () => {
		const share = arrivals(demo.records) / arrivals(main.records);
		expect(share).toBeGreaterThan(branch.volumeShare - 0.15);
		expect(share).toBeLessThan(branch.volumeShare + 0.05);
		for (const v of volume(demo.records)) {
			expect(v.counters.oneVisit).toBeLessThanOrEqual(v.counters.completed);
			const reasons = Object.values(v.refusalReasons).reduce((n, x) => n + x, 0);
			if (reasons > 0 || v.counters.refused > 0) expect(reasons).toBe(v.counters.refused);
		}
	});
});
