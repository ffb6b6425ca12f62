/**
 * Least data per role (docs/roles.md), on screen and in the tablet's own IndexedDB: a clerk holds
 * the applicants of their own department only, masked; a viewer holds none, nor staff's free text; a duty lead holds
 * names and masked phones; a manager's reveal is a server request that the audit log records.
 */
import { expect, test, type Page } from './fixtures';
import { login, readTable } from './helpers';

const OWN = 'dept-estate';

// The whole demo year is read from IndexedDB on a shared 2-core machine.
test.describe.configure({ timeout: 300_000 });

/** Opens a page without waiting for every resource; the checks below wait for what they need. */
const open = (page: Page, url: string) => page.goto(url, { waitUntil: 'commit' });
const slow = { timeout: 90_000 };
const fullPhone = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const fullIdNumber = /^\d{17}[\dX]$/;

interface StoredAppointment {
	id: string;
	date: string;
	departmentId: string;
	notes: string;
	applicant: {
		name: string;
		phone: string;
		idNumber?: string;
		creditCode?: string;
	} | null;
}
interface StoredStaff {
	id: string;
	active: boolean;
	phone?: string;
}

/** A date from today on with appointments of the clerk's department and of others. */
function busyDate(rows: StoredAppointment[]): { date: string; other: string } {
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	const byDate = new Map<string, Set<string>>();
	for (const a of rows) {
		if (a.date < today) continue;
		byDate.set(a.date, (byDate.get(a.date) ?? new Set()).add(a.departmentId));
	}
	const [date, departments] = [...byDate]
		.filter(([, d]) => d.has(OWN) && d.size > 1)
		.sort(([a], [b]) => a.localeCompare(b))[0];
	return { date, other: [...departments].find((d) => d !== OWN)! };
}

test('a clerk holds and sees the applicants of their own department only, masked', async ({
	page
}) => {
	await login(page, 'clerk');
	const appointments = await readTable<StoredAppointment>(page, 'appointment');
	const own = appointments.filter((a) => a.departmentId === OWN);
	const others = appointments.filter((a) => a.departmentId !== OWN);
	expect(own.length).toBeGreaterThan(0);
	expect(others.length).toBeGreaterThan(0);
	// Other departments: no applicant and no note at all on this tablet.
	expect(others.every((a) => a.applicant === null && a.notes === '')).toBe(true);
	// Their own department: names, masked numbers, never a full one.
	const withApplicant = own.filter((a) => a.applicant);
	expect(withApplicant.length).toBeGreaterThan(0);
	for (const a of withApplicant) {
		expect(a.applicant!.phone).toContain('*');
		if (a.applicant!.idNumber) expect(a.applicant!.idNumber).toContain('*');
		if (a.applicant!.creditCode) expect(a.applicant!.creditCode).toContain('*');
	}
	const staff = await readTable<StoredStaff>(page, 'staff');
	expect(staff.every((s) => !s.phone || !fullPhone.test(s.phone))).toBe(true);

	const { date, other } = busyDate(appointments);
	await open(page, `/appointments?date=${date}`);
	const ownRow = page.getByTestId('appointment-row').first();
	await expect(ownRow.getByTestId('phone')).toHaveText(/\*{4}/, slow);
	await expect(ownRow.getByRole('button', { name: /完整电话/ })).toBeVisible();

	await open(page, `/appointments?date=${date}&department=${other}`);
	const otherRows = page.getByTestId('appointment-row');
	await expect(otherRows.first()).toContainText('（无权查看申请人）', slow);
	await expect(page.getByRole('button', { name: /显示.*的完整/ })).toHaveCount(0);
	await expect(page.getByTestId('phone')).toHaveCount(0);
});

test('a viewer holds no personal data at all', async ({ page }) => {
	await login(page, 'viewer');
	const appointments = await readTable<StoredAppointment>(page, 'appointment');
	expect(appointments.length).toBeGreaterThan(0);
	expect(appointments.every((a) => a.applicant === null && a.notes === '')).toBe(true);
	const staff = await readTable<StoredStaff>(page, 'staff');
	expect(staff.length).toBeGreaterThan(0);
	expect(staff.every((s) => s.phone === undefined)).toBe(true);
	// Nor the free text staff write: findings, commendations, notes, the last person served.
	const inspections = await readTable<{
		findings: { text: string; correction: string }[];
		commendations: { reason: string }[];
	}>(page, 'inspection');
	const findings = inspections.flatMap((i) => i.findings);
	expect(findings.length).toBeGreaterThan(0);
	expect(findings.every((f) => f.text === '—' && f.correction === '')).toBe(true);
	expect(inspections.flatMap((i) => i.commendations).every((c) => c.reason === '—')).toBe(true);
	const plans = await readTable<{ notes: string }>(page, 'dayPlan');
	expect(plans.length).toBeGreaterThan(0);
	expect(plans.every((p) => p.notes === '')).toBe(true);
	const checkIns = await readTable<{ note?: string }>(page, 'attendance');
	expect(checkIns.every((a) => a.note === undefined)).toBe(true);

	const { date } = busyDate(appointments);
	await open(page, `/appointments?date=${date}`);
	await expect(page.getByTestId('appointment-row').first()).toContainText(
		'（无权查看申请人）',
		slow
	);
	await expect(page.getByRole('button', { name: /显示.*的完整/ })).toHaveCount(0);
	// The review still has what a meeting needs.
	await open(page, '/review');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/业务量分析/, slow);
});

test('a duty lead holds names and masked phones, and the phones of staff to call', async ({
	page
}) => {
	await login(page, 'duty');
	const appointments = await readTable<StoredAppointment>(page, 'appointment');
	const withApplicant = appointments.filter((a) => a.applicant);
	expect(withApplicant.length).toBeGreaterThan(0);
	for (const a of withApplicant) {
		expect(a.applicant!.name.length).toBeGreaterThan(0);
		expect(a.applicant!.phone).toContain('*');
		expect(a.applicant!.idNumber).toBeUndefined();
		expect(a.applicant!.creditCode).toBeUndefined();
	}
	const staff = await readTable<StoredStaff>(page, 'staff');
	expect(staff.filter((s) => s.active).every((s) => fullPhone.test(s.phone ?? ''))).toBe(true);
	expect(staff.filter((s) => !s.active).every((s) => s.phone?.includes('*'))).toBe(true);

	const { date } = busyDate(appointments);
	// Through the app's own navigation: no reload of the day board while it is still syncing.
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '预约' })
		.click();
	await page.getByLabel('日期').fill(date);
	const first = page.getByTestId('appointment-row').first();
	await expect(first.getByTestId('phone')).toHaveText(/\*{4}/, slow);
	await expect(page.getByTestId('id-number')).toHaveCount(0);
	await expect(page.getByRole('button', { name: /完整身份证号/ })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /完整电话/ }).first()).toBeVisible();
});

test('a manager reveals a number through the server, and the audit log records it', async ({
	page,
	context
}) => {
	await login(page, 'manager');
	const appointments = await readTable<StoredAppointment>(page, 'appointment');
	for (const a of appointments.filter((x) => x.applicant)) {
		expect(a.applicant!.phone).toContain('*');
		if (a.applicant!.idNumber) expect(fullIdNumber.test(a.applicant!.idNumber)).toBe(false);
	}
	// An upcoming applicant with an ID number, on their department's ledger of that day.
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	const target = appointments
		.filter((a) => a.date >= today && a.applicant?.idNumber)
		.sort((a, b) => a.date.localeCompare(b.date))[0];
	const name = target.applicant!.name;
	const date = target.date;
	await open(page, `/appointments?date=${date}&department=${target.departmentId}`);
	const row = page.getByTestId('appointment-row').filter({ hasText: name }).first();
	await expect(row.getByRole('button', { name: /完整身份证号/ })).toBeVisible(slow);
	await row.getByRole('button', { name: /完整电话/ }).click();
	await expect(row.getByTestId('phone')).toHaveText(fullPhone, slow);
	const revealed = (await row.getByTestId('phone').textContent())!.trim();
	// Shown, never stored: the tablet still holds the mask.
	const after = await readTable<StoredAppointment>(page, 'appointment');
	expect(JSON.stringify(after)).not.toContain(revealed);

	const log = await page.evaluate(async () => (await fetch('/api/audit?limit=50')).json());
	const entry = (log.entries as { name: string; userName: string; args: { field: string } }[]).find(
		(e) => e.name === 'appointment.reveal'
	);
	expect(entry).toMatchObject({ args: { field: 'phone' }, userName: '大厅负责人（演示）' });
	expect(JSON.stringify(log)).not.toContain(revealed);
	await open(page, '/settings/audit');
	await expect(page.getByTestId('audit-row').first()).toContainText('appointment.reveal', slow);

	// Offline, the screen says a full number needs the network.
	await open(page, `/appointments?date=${date}&department=${target.departmentId}`);
	await expect(page.getByTestId('appointment-row').first()).toBeVisible(slow);
	await context.setOffline(true);
	const again = page
		.getByTestId('appointment-row')
		.filter({ hasText: name })
		.getByRole('button', { name: /完整身份证号/ })
		.first();
	await again.click();
	await expect(page.getByText('查看完整号码需要网络连接，请联网后再试')).toBeVisible(slow);
	await context.setOffline(false);
});
