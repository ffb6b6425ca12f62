/**
 * The production start as README and docs/operations.md tell it, on a fresh PostgreSQL database:
 * `npm run create-admin` with DATABASE_URL, then the production server (`node server.js`, as `npm start`) with no demo
 * data; /api/health reports the database, the admin logs in through the form, sets the centre
 * up through the screens (centre, departments, staff, windows), plans the first Saturday and
 * sees the plan's first rule find it short; every request leaves one JSON log line without personal data, and a database that goes away turns the
 * health check to 503. The server is stopped and the database dropped afterwards.
 */
import { expect, test } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { hallDate } from '../../src/lib/domain/hall-clock';

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const port = Number(process.env.E2E_PORT ?? 4180) + 50;
const origin = `http://127.0.0.1:${port}`;
const username = 'hall-admin';
const password = 'Prod-pass-2026!';

/** Runs a command to its end and answers its output; a non-zero exit fails with that output. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
	return new Promise((ok, fail) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', fail);
		child.on('exit', (code) =>
			code === 0 ? ok(output) : fail(new Error(`${command} exited with ${code}:\n${output}`))
		);
	});
}

async function health(): Promise<{ status: number; body: Record<string, unknown> } | null> {
	try {
		const res = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(5000) });
		return { status: res.status, body: await res.json() };
	} catch {
		return null;
	}
}

test('production build on PostgreSQL from zero: create-admin, setup through the screens, first Saturday with a rule finding, health, request log', async ({
	page
}) => {
	test.setTimeout(240_000);
	const name = `budayang_prod_${randomBytes(5).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const databaseUrl = url.toString();
	// Nothing of the runner's own configuration (DEMO, DATA_DIR) may leak into production.
	const env = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		DATABASE_URL: databaseUrl,
		// server.js serves the build under test, wherever the run put it.
		...(process.env.BUILD_DIR ? { BUILD_DIR: process.env.BUILD_DIR } : {})
	};
	let server: ChildProcess | undefined;
	const log: string[] = [];
	try {
		const created = await run(
			'npm',
			[
				'run',
				'create-admin',
				'--',
				'--username',
				username,
				'--password',
				password,
				'--centre-name',
				'测试区政务服务中心'
			],
			{ ...env, KIT_OUT: process.env.KIT_OUT }
		);
		expect(created).toContain(`created admin ${username} of 测试区政务服务中心`);

		server = spawn(process.execPath, ['server.js'], {
			// `npm start` as the README deploys it: adapter-node's server behind the security headers.
			env: {
				...env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: origin,
				BODY_SIZE_LIMIT: '1M',
				SHUTDOWN_TIMEOUT: '5',
				LOG_LEVEL: 'info'
			},
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let pending = '';
		server.stdout!.on('data', (chunk: Buffer) => {
			const lines = (pending + chunk.toString()).split('\n');
			pending = lines.pop() ?? '';
			log.push(...lines);
		});

		await expect.poll(async () => (await health())?.status, { timeout: 90_000 }).toBe(200);
		const ready = await health();
		expect(ready?.body).toMatchObject({ ok: true, database: { ok: true, kind: 'postgres' } });

		await page.goto(`${origin}/`);
		await expect(page).toHaveURL(/\/login$/);
		await page.getByLabel(/用户名|User name/).fill(username);
		await page.getByLabel(/密码|Password/).fill(password);
		await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
		await expect(page).toHaveURL(`${origin}/`, { timeout: 60_000 });
		await expect(page.getByTestId('sync-state')).toHaveText(/在线|Online/, { timeout: 60_000 });

		// First run: the new centre's admin is led through its setup; the plan's rules already exist.
		const setup = page.getByTestId('setup-checklist');
		await expect(setup.getByRole('heading')).toHaveText('开始设置本中心');
		const step = (name: string) => setup.getByRole('listitem').filter({ hasText: name });
		await expect(step('值班规则')).toContainText('已完成');
		await expect(step('科室和进驻部门')).toContainText('待设置');
		await expect(step('中心名称、地址')).toContainText('待设置');
		await step('中心名称、地址').getByRole('link').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('中心信息与服务时间');
		await expect(page.getByLabel('第 1 段开始').nth(1)).toHaveValue('09:00');
		await expect(page.getByLabel('第 1 段结束').nth(1)).toHaveValue('11:30');
		await page.getByLabel('地址').fill('测试区政务大道 1 号');
		await page.getByRole('button', { name: '添加电话' }).click();
		await page.getByLabel('第 1 个电话的名称').fill('综合咨询');
		await page.getByLabel('第 1 个电话号码').fill('12345');
		await page.getByRole('button', { name: '保存中心信息' }).click();
		await expect(page.getByText('咨询电话“综合咨询”的名称或号码不对')).toBeVisible();
		await page.getByLabel('第 1 个电话号码').fill('0571-88881234');
		await page.getByRole('button', { name: '保存中心信息' }).click();
		await expect(page.getByText('中心信息已保存')).toBeVisible();
		await page.goto(`${origin}/`);
		await expect(step('中心名称、地址')).toContainText('已完成');

		// The organisation from nothing, through the screens: a section that runs the hall, a
		// stationed department, its staff and two windows of one category.
		await step('科室和进驻部门').getByRole('link').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('组织管理');
		const addDepartment = page.getByRole('form', { name: '添加科室或部门' });
		const department = async (name: string, kind: string, runsHall = false) => {
			await addDepartment.getByLabel('名称').fill(name);
			await addDepartment.getByLabel('类型').selectOption({ label: kind });
			if (runsHall) await addDepartment.getByLabel('负责大厅运行（R5）').check();
			await addDepartment.getByRole('button', { name: '添加科室或部门' }).click();
			await expect(page.getByTestId('department-row').filter({ hasText: name })).toBeVisible();
		};
		await department('政务服务科', '科室', true);
		await department('市场监管局', '派驻部门');
		// A second department of the same name is refused before anything is saved.
		await addDepartment.getByLabel('名称').fill('市场监管局');
		await expect(addDepartment.getByText('已有名为“市场监管局”的科室或部门')).toBeVisible();
		await expect(addDepartment.getByRole('button', { name: '添加科室或部门' })).toBeDisabled();
		await expect(page.getByTestId('department-row')).toHaveCount(2);

		const addStaff = page.getByRole('form', { name: '添加工作人员' });
		for (const [name, where, phone] of [
			['陆晨阳', '政务服务科', '13700001101'],
			['许安宁', '政务服务科', '13700001102'],
			['顾思远', '市场监管局', '13700001103']
		]) {
			await addStaff.getByLabel('姓名').fill(name);
			await addStaff.getByLabel('所属部门').selectOption({ label: where });
			await addStaff.getByLabel('手机号').fill(phone);
			await addStaff.getByRole('button', { name: '添加工作人员' }).click();
			await expect(page.getByTestId('org-staff-row').filter({ hasText: name })).toBeVisible();
		}
		const addWindow = page.getByRole('form', { name: '添加窗口' });
		for (const code of ['A01', 'A02']) {
			await addWindow.getByLabel('窗口号').fill(code);
			await addWindow.getByLabel('业务类别').fill('企业开办');
			await addWindow.getByLabel('所属部门').selectOption({ label: '市场监管局' });
			await addWindow.getByRole('button', { name: '添加窗口' }).click();
			await expect(page.getByTestId('org-window-row').filter({ hasText: code })).toBeVisible();
		}
		// With an organisation the first-run checklist has done its work.
		await page.goto(`${origin}/`);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(setup).toHaveCount(0);

		// The first Saturday: one of the two windows planned, so the plan's first rule speaks.
		// Saturday of next week, whatever day the run falls on (calendar.ts imports JSON that
		// Playwright's loader refuses, so the week is counted here).
		const today = new Date(`${hallDate(Date.now())}T00:00:00Z`);
		const monday = today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000;
		const saturday = new Date(monday + 12 * 86_400_000).toISOString().slice(0, 10);
		await page.goto(`${origin}/roster/day?date=${saturday}`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('排班计划');
		await page.getByLabel('值班负责人').selectOption({ label: '陆晨阳' });
		await page.getByTestId('plan-window-A01').getByRole('checkbox').check();
		await page
			.getByTestId('plan-window-A01')
			.getByRole('combobox')
			.first()
			.selectOption({ label: '顾思远' });
		await page.getByRole('button', { name: '保存计划' }).click();
		await expect(page.getByText('计划已保存').first()).toBeVisible();
		await expect(
			page.getByText('企业开办综合受理窗口开放1个，少于规定的2个').first()
		).toBeVisible();
		await page.getByTestId('plan-window-A01').scrollIntoViewIfNeeded();
		await page.screenshot({ path: 'docs/screenshots/from-zero-first-saturday.png' });
		await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });

		// The request log: one JSON line per request, the user by id, no query and no credentials.
		const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
		const [{ id: userId }] = await sql`select id from users where username = ${username}`;
		await sql.end();
		// Lines that are not JSON are the server's own (adapter-node's "Listening on …").
		const requests = () =>
			log
				.filter((line) => line.startsWith('{'))
				.map((line) => JSON.parse(line) as Record<string, unknown>)
				.filter((line) => line.event === 'request');
		await expect
			.poll(() => requests().some((r) => r.route === '/api/sync/pull' && r.userId === userId))
			.toBe(true);
		expect(requests()).toContainEqual(
			expect.objectContaining({ method: 'POST', route: '/api/auth/login', status: 200 })
		);
		for (const r of requests()) {
			expect(r).toMatchObject({ level: 'info', requestId: expect.any(String) });
			expect(typeof r.durationMs).toBe('number');
			expect(String(r.route)).not.toContain('?');
		}
		const everything = log.join('\n');
		expect(everything).not.toContain(password);
		expect(everything).not.toContain(username);

		// The database goes away under the running server: health says so instead of 200.
		await page.close();
		await admin.unsafe(`drop database ${name} with (force)`);
		await expect.poll(async () => (await health())?.status, { timeout: 30_000 }).toBe(503);
		expect((await health())?.body).toMatchObject({
			ok: false,
			error: '数据库不可用，请稍后重试',
			database: { ok: false, kind: 'postgres' }
		});
	} finally {
		if (server && server.exitCode === null) {
			const exited = new Promise((r) => server!.once('exit', r));
			server.kill('SIGTERM');
			await exited;
		}
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
});
