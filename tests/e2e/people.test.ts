/**
 * People and access (issue 16): an admin creates a clerk on /settings/users, the clerk logs in on
 * a tablet of their own, a password reset ends the clerk's session there, and a remote wipe makes
 * that tablet delete its data and sign out, saying why. When an admin moves a user to another
 * department or role, the user's tablet drops at its next sync what it may no longer hold.
 */
import { expect, test, type Page } from './fixtures';
import { login, readTable } from './helpers';

test.describe.configure({ timeout: 300_000 });

const CLERK = 'e2e.clerk';
const FIRST = 'clerk-first-2026';

async function loginAs(page: Page, username: string, password: string) {
	await page.goto('/login');
	await page.getByLabel(/用户名|User name/).fill(username);
	await page.getByLabel(/密码|Password/).fill(password);
	await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
	await expect(page).toHaveURL(/\/$/, { timeout: 90_000 });
	await expect(page.getByTestId('sync-state')).toHaveText(/在线|Online/, { timeout: 90_000 });
}

/** How many rows the device holds in a table of its IndexedDB; 0 when the table or database is gone. */
const rowsIn = (page: Page, table: string) =>
	page.evaluate(
		(name) =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open('budayang');
				open.onerror = () => resolve(0);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains(name)) {
						db.close();
						resolve(0);
						return;
					}
					const count = db.transaction(name).objectStore(name).count();
					count.onsuccess = () => {
						db.close();
						resolve(count.result);
					};
				};
			}),
		table
	);

const account = (page: Page, username: string) =>
	page.locator(`[data-testid="account"][data-username="${username}"]`);

test('an admin creates a clerk, resets their password and wipes their tablet', async ({
	page,
	browser
}) => {
	page.on('dialog', (d) => void d.accept());
	await login(page, 'admin');
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '设置' })
		.click();
	await page.getByRole('link', { name: '用户与权限' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('用户与权限');

	// A clerk without a department is refused in words; with one, created.
	await page.locator('input[name="new-username"]').fill(CLERK);
	await page.locator('input[name="new-name"]').fill('测试窗口人员');
	await page.locator('select[name="new-role"]').selectOption('clerk');
	await page.locator('input[name="new-password"]').fill(FIRST);
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByRole('alert')).toHaveText('窗口工作人员必须指定所属部门。');
	await page.locator('select[name="new-department"]').selectOption('dept-estate');
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByTestId('people-notice')).toHaveText(`已创建用户 ${CLERK}`);
	await expect(account(page, CLERK)).toContainText('不动产登记中心');

	// The clerk logs in on a tablet of their own.
	const tablet = await browser.newContext();
	const clerk = await tablet.newPage();
	await loginAs(clerk, CLERK, FIRST);
	expect(await rowsIn(clerk, 'staff')).toBeGreaterThan(0);

	// A reset with a temporary password ends the clerk's session there.
	await page.reload();
	await account(page, CLERK).getByText('管理账号').click();
	await account(page, CLERK).getByRole('button', { name: '重置密码' }).click();
	const temporary = await account(page, CLERK).getByTestId('temporary-password').textContent();
	expect(temporary).toMatch(/^[A-Za-z2-9]{12}$/);
	await expect
		.poll(() => clerk.evaluate(() => fetch('/api/auth/me').then((r) => r.status)))
		.toBe(401);
	await clerk.reload();
	await expect(clerk.getByTestId('sync-state')).toHaveText('登录已过期，请重新登录', {
		timeout: 60_000
	});

	// The clerk logs in again with the temporary password; the tablet shows in their devices.
	await loginAs(clerk, CLERK, temporary!);
	await page.reload();
	await account(page, CLERK).getByText('管理账号').click();
	const device = account(page, CLERK).getByTestId('device');
	await expect(device).toHaveCount(1);
	await expect(device).toContainText('最近同步：');

	// The wipe: at the tablet's next sync its data is gone and it is signed out, with the reason.
	await device.getByRole('button', { name: '远程清除' }).click();
	await expect(page.getByTestId('people-notice')).toContainText('已标记远程清除');
	await expect(device).toContainText('已远程清除');
	// The mark pokes the tablet, which may already be on its way out; otherwise a reload syncs
	// at once. A reload that meets the tablet's own departure is not a failure.
	const wiped = /\/login\?reason=wiped$/;
	if (
		!(await clerk.waitForURL(wiped, { timeout: 5_000 }).then(
			() => true,
			() => false
		))
	) {
		await clerk.reload().catch((error: Error) => {
			if (!/not attached|interrupted|destroyed|net::ERR_ABORTED/i.test(error.message)) throw error;
		});
	}
	await expect(clerk).toHaveURL(wiped, { timeout: 60_000 });
	await expect(clerk.getByRole('alert')).toContainText('管理员已远程清除此设备上的数据');
	expect(await rowsIn(clerk, 'staff')).toBe(0);
	expect(await rowsIn(clerk, 'appointment')).toBe(0);
	await tablet.close();
});

interface HeldAppointment {
	departmentId: string;
	applicant: { name: string; phone: string } | null;
}

/** Departments whose applicants this tablet holds (names at least), from its own IndexedDB. */
async function applicantDepartments(page: Page): Promise<string[]> {
	const rows = await readTable<HeldAppointment>(page, 'appointment');
	expect(rows.length).toBeGreaterThan(0);
	return [...new Set(rows.filter((a) => a.applicant).map((a) => a.departmentId))].sort();
}

test('a changed department or role takes from the tablet what the user may no longer hold', async ({
	page,
	browser
}) => {
	const MOVER = 'e2e.mover';
	const PASSWORD = 'mover-first-2026';
	await login(page, 'admin');
	await page.goto('/settings/users');
	await page.locator('input[name="new-username"]').fill(MOVER);
	await page.locator('input[name="new-name"]').fill('测试调岗人员');
	await page.locator('select[name="new-role"]').selectOption('clerk');
	await page.locator('select[name="new-department"]').selectOption('dept-estate');
	await page.locator('input[name="new-password"]').fill(PASSWORD);
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(page.getByTestId('people-notice')).toHaveText(`已创建用户 ${MOVER}`);

	const tablet = await browser.newContext();
	const mover = await tablet.newPage();
	await loginAs(mover, MOVER, PASSWORD);
	await expect(mover.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 90_000 });
	expect(await applicantDepartments(mover)).toEqual(['dept-estate']);

	// Moved to the tax bureau's ledger: at the next sync the estate applicants leave the tablet.
	const change = async (role: string, department: string) => {
		await page.reload();
		const row = account(page, MOVER);
		await row.getByText('管理账号').click();
		await row.locator('select[name="role"]').selectOption(role);
		await row.locator('select[name="department"]').selectOption(department);
		await row.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByTestId('people-notice')).toHaveText(`已保存 ${MOVER} 的更改`);
	};
	/** A changed role ends the user's sessions: the tablet says so, and the user logs in again. */
	const again = async () => {
		await mover.reload();
		await expect(mover.getByTestId('sync-state')).toHaveText('登录已过期，请重新登录', {
			timeout: 60_000
		});
		await loginAs(mover, MOVER, PASSWORD);
	};
	await change('clerk', 'dept-tax');
	await again();
	await expect.poll(() => applicantDepartments(mover), { timeout: 90_000 }).toEqual(['dept-tax']);

	// Made a viewer: no applicant at all stays on the tablet.
	await change('viewer', '');
	await again();
	await expect.poll(() => applicantDepartments(mover), { timeout: 90_000 }).toEqual([]);
	await tablet.close();

	await page.reload();
	await account(page, MOVER).getByText('管理账号').click();
	page.once('dialog', (d) => void d.accept());
	await account(page, MOVER).getByRole('button', { name: '停用账号' }).click();
});
