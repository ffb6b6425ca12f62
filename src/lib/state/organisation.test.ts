import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HallDatabase } from '$lib/local';
import { OrganisationState } from './organisation.svelte';
import { ServiceItemsState } from './service-items.svelte';
import { SupervisionState } from './supervision.svelte';
import { centreId, demoData, demoDatabase, TODAY } from './testing/demo';
import { track } from './testing/runes.svelte';

let db: HallDatabase;
let dispose: () => Promise<void>;
beforeAll(async () => {
	({ db, dispose } = await demoDatabase());
}, 120_000);
afterAll(() => dispose());

const count = (entity: string) => demoData().records.filter((r) => r.entity === entity).length;

describe('OrganisationState', () => {
	it('lists the whole organisation in the settings screens’ order and names people and departments', async () => {
		const org = new OrganisationState(db, centreId());
		const view = track(() => org.data.current);
		await vi.waitFor(() => expect(view.value.staff).toHaveLength(count('staff')));
		expect(view.value.departments).toHaveLength(count('department'));
		expect(view.value.windows).toHaveLength(count('window'));
		expect(view.value.taskForce).toHaveLength(count('taskForceMember'));
		const order = view.value.departments.map((d) => d.sortOrder);
		expect(order).toEqual([...order].sort((a, b) => a - b));
		const person = view.value.staff[3];
		expect(org.person(person.id)).toEqual(person);
		expect(org.person(undefined)).toBeUndefined();
		expect(org.departmentName(person.departmentId)).toBe(
			view.value.departments.find((d) => d.id === person.departmentId)?.name
		);
		expect(org.departmentName('dept-none')).toBe('');
		view.stop();
	});
});

describe('ServiceItemsState', () => {
	it('groups the items under their departments and counts those open on non-working days', async () => {
		const items = new ServiceItemsState(db, centreId());
		const view = track(() => ({ data: items.data.current, counts: items.counts }));
		await vi.waitFor(() => expect(view.value.data.items).toHaveLength(count('serviceItem')));
		const all = view.value.data.items;
		expect(view.value.counts).toEqual({
			count: all.filter((i) => !i.retired).length,
			nonWorking: all.filter((i) => !i.retired && i.availableNonWorking).length
		});
		const grouped = items.grouped(false);
		expect(grouped.every((g) => g.items.length > 0)).toBe(true);
		expect(grouped.flatMap((g) => g.items)).toHaveLength(all.filter((i) => !i.retired).length);
		for (const g of grouped) {
			expect(g.items.every((i) => i.departmentId === g.department.id)).toBe(true);
		}
		view.stop();
	});
});

describe('SupervisionState', () => {
	it('puts the hall’s own section first among inspectors and names what a finding is about', async () => {
		const sup = new SupervisionState(db, centreId(), TODAY);
		const view = track(() => ({ data: sup.data.current, inspectors: sup.inspectors }));
		await vi.waitFor(() => expect(view.value.data.inspections.length).toBeGreaterThan(0));
		const hall = sup.hallDepartmentId;
		expect(view.value.data.departments.find((d) => d.id === hall)?.operations).toBe(true);
		const firstOther = view.value.inspectors.findIndex((s) => s.departmentId !== hall);
		expect(view.value.inspectors.slice(0, firstOther).every((s) => s.departmentId === hall)).toBe(
			true
		);
		expect(view.value.inspectors.slice(firstOther).some((s) => s.departmentId === hall)).toBe(
			false
		);
		// Newest round first.
		const dates = view.value.data.inspections.map((i) => i.date);
		expect(dates).toEqual([...dates].sort().reverse());
		const round = view.value.data.inspections[0];
		expect(sup.round(round.id)).toEqual(round);
		const finding = round.findings[0];
		expect(sup.subjectName(finding.subject)).not.toBe(finding.subject.id);
		expect(sup.subjectName({ type: 'staff', id: 'staff-gone' })).toBe('staff-gone');
		expect(sup.summary(round.date.slice(0, 7))).toBeDefined();
		view.stop();
	});
});
