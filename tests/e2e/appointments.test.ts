import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from './fixtures';
import { comingSaturday, controlledByServiceWorker, login, shiftDate } from './helpers';

/** The hall's date `n` days after the coming Saturday (never today): the demo has slots there. */
const shot = (page: Page, name: string) =>
	page.screenshot({ path: `docs/screenshots/appointments-${name}.png` });

async function syncNow(page: Page) {
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });
}

const row = (page: Page, name: string) =>
	page.getByTestId('appointment-row').filter({ hasText: name });

/** The first slot on screen with a free place, and its start time. */
async function firstFreeSlot(page: Page): Promise<{ slot: Locator; start: string; id: string }> {
	const first = page
		.getByTestId('slot')
		.filter({ has: page.getByRole('button', { name: /^预约 \d\d:\d\d$/ }) })
		.first();
	await expect(first).toBeVisible();
	const id = (await first.getAttribute('data-slot-id'))!;
	const slot = page.locator(`[data-slot-id="${id}"]`);
	const label = await slot.getByRole('button', { name: /^预约 / }).textContent();
	return { slot, start: label!.replace('预约 ', '').trim(), id };
}

test.beforeAll(() => mkdirSync('docs/screenshots', { recursive: true }));

test('an appointment clerk books, reschedules and serves through a Saturday offline', async ({
	page,
	context
}) => {
	const saturday = comingSaturday();
	const name = `周末测试${Date.now() % 10_000}`;
	await login(page, 'clerk');
	await page.goto(`/appointments?date=${saturday}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('预约台账');
	// The clerk opens on their own department's ledger (不动产登记中心 in the demo).
	await expect(page.getByLabel('部门')).not.toHaveValue('');
	await controlledByServiceWorker(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('sync-state')).toHaveText('离线');
	const { slot, start } = await firstFreeSlot(page);
	const before = await slot.getByTestId('slot-count').textContent();
	await slot.getByRole('button', { name: `预约 ${start}` }).click();

	// Bad input: every problem told at once in Chinese, nothing typed is lost.
	const form = page.getByRole('form', { name: '新建预约' });
	await form.getByLabel('姓名或企业名称').fill(name);
	await form.getByLabel('联系电话').fill('1380000');
	await form.getByLabel('身份证号（选填）').fill('110105194912310021');
	await form.getByRole('button', { name: '确认预约' }).click();
	await expect(form.getByText('有 2 处需要更正')).toBeVisible();
	await expect(form.getByText(/请填写正确的联系电话/)).toBeVisible();
	await expect(form.getByText(/身份证号校验未通过/)).toBeVisible();
	await expect(form.getByLabel('联系电话')).toHaveAttribute('aria-invalid', 'true');
	await expect(form.getByLabel('姓名或企业名称')).toHaveValue(name);
	await form.scrollIntoViewIfNeeded();
	await shot(page, 'booking-errors');

	await form.getByLabel('联系电话').fill('138 0000 5678');
	await form.getByLabel('身份证号（选填）').fill('11010519491231002x');
	await form.getByLabel('预约方式').selectOption({ label: '电话' });
	await form.getByRole('button', { name: '确认预约' }).click();
	const mine = row(page, name);
	await expect(mine).toBeVisible();
	await expect(mine).toContainText(start);
	await expect(mine).toContainText('待同步');
	// Masked on screen, the ID number too.
	await expect(mine.getByTestId('phone')).toHaveText('138****5678');
	await expect(mine).toContainText('1101**********002X');
	await expect(mine).not.toContainText('13800005678');
	await expect(slot.getByTestId('slot-count')).not.toHaveText(before!);

	// Reschedule to another free slot: the row moves, the history keeps both.
	await mine.getByRole('button', { name: '改约' }).click();
	const target = page.getByLabel('改约到');
	const option = target.locator('option').nth(1);
	const newStart = (await option.textContent())!.slice(0, 5);
	await target.selectOption({ index: 1 });
	await page.getByRole('button', { name: '确认改约' }).click();
	await expect(mine.locator('td').first()).toHaveText(newStart);

	// Serve: check in, start, done (一次办成).
	await mine.getByRole('button', { name: '签到' }).click();
	await expect(mine.getByTestId('appointment-status')).toHaveText('已到达');
	await mine.getByRole('button', { name: '开始办理' }).click();
	await expect(mine.getByTestId('appointment-status')).toHaveText('办理中');
	await mine.getByRole('button', { name: '办结' }).click();
	await expect(mine.getByTestId('appointment-status')).toHaveText('已办结');

	// A reload offline keeps everything.
	await page.reload();
	await expect(row(page, name).getByTestId('appointment-status')).toHaveText('已办结');
	await expect(page.getByTestId('sync-waiting')).toHaveText(/[1-9]\d* 项待同步/);

	await context.setOffline(false);
	await syncNow(page);
	await page.reload();
	await expect(row(page, name).getByTestId('appointment-status')).toHaveText('已办结');
	await expect(row(page, name)).not.toContainText('待同步');
	await row(page, name).scrollIntoViewIfNeeded();
	await shot(page, 'ledger-saturday');

	// The server holds it: done, at the new time, with the move in its history.
	const stored = await page.evaluate(async (who) => {
		type Data =
			{ id: string; applicant?: { name: string }; history: { status: string }[] } | undefined;
		let found: Data;
		for (let cursor = 0, more = true; more;) {
			const res = await fetch(`/api/sync/pull?cursor=${cursor}&deviceId=probe`);
			const body = await res.json();
			for (const c of body.changes as { data?: Data }[]) {
				if (c.data?.applicant?.name === who) found = c.data;
			}
			cursor = body.cursor;
			more = body.hasMore;
		}
		return found;
	}, name);
	// The clerk's pull carries the numbers masked (docs/roles.md); the server holds them in full.
	expect(stored).toMatchObject({
		status: 'done',
		start: newStart,
		date: saturday,
		applicant: { phone: '138****5678', idNumber: '1101**********002X' },
		channel: 'phone'
	});
	const full = await page.evaluate(async (id) => {
		const res = await fetch('/api/reveal', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ entity: 'appointment', id, field: 'idNumber' })
		});
		return res.json();
	}, stored!.id);
	expect(full).toEqual({ value: '11010519491231002X' });
	expect(stored!.history.map((h) => h.status)).toEqual([
		'booked',
		'booked',
		'arrived',
		'serving',
		'done'
	]);

	await page.emulateMedia({ media: 'print' });
	await page.evaluate(() => scrollTo(0, 0));
	await shot(page, 'print');
	await page.emulateMedia({ media: 'screen' });
});

test('two tablets book the last place offline: one is confirmed, the other waits in 待处理 on both until a person moves it', async ({
	browser
}) => {
	const date = shiftDate(comingSaturday(), 1);
	const clerkName = `甲平板${Date.now() % 10_000}`;
	const managerName = `乙平板${Date.now() % 10_000}`;
	const tabletA = await browser.newContext();
	const tabletB = await browser.newContext();
	const a = await tabletA.newPage();
	const b = await tabletB.newPage();
	await login(a, 'clerk');
	await login(b, 'manager');
	const ledger = `/appointments?date=${date}&department=dept-estate`;

	// The manager leaves exactly one free place in a slot (capacity down to booked + 1).
	await b.goto(ledger);
	const { slot: slotB, start, id: slotId } = await firstFreeSlot(b);
	const count = slotB.getByTestId('slot-count');
	for (;;) {
		const [booked, capacity] = (await count.textContent())!.match(/\d+/g)!.map(Number);
		if (capacity - booked <= 1) break;
		await slotB.getByRole('button', { name: `${start} 时段减少一个名额` }).click();
		await expect(count).toHaveText(`已约 ${booked}/${capacity - 1}`);
	}
	const [held, capacity] = (await count.textContent())!.match(/\d+/g)!.map(Number);
	expect(capacity - held).toBe(1);
	await syncNow(b);

	await a.goto(ledger);
	await syncNow(a);
	const slotA = a.locator(`[data-slot-id="${slotId}"]`);
	await expect(slotA.getByTestId('slot-count')).toHaveText(`已约 ${held}/${capacity}`);

	// Both offline, both take the last place.
	await tabletA.setOffline(true);
	await tabletB.setOffline(true);
	for (const [page, slot, name, phone] of [
		[a, slotA, clerkName, '13900001111'],
		[b, slotB, managerName, '13900002222']
	] as const) {
		await slot.getByRole('button', { name: `预约 ${start}` }).click();
		const form = page.getByRole('form', { name: '新建预约' });
		await form.getByLabel('姓名或企业名称').fill(name);
		await form.getByLabel('联系电话').fill(phone);
		await form.getByLabel('备注（选填）').fill(`${name}的备注`);
		await form.getByRole('button', { name: '确认预约' }).click();
		await expect(row(page, name).getByTestId('appointment-status')).toHaveText('已预约');
	}

	// A reaches the server first and wins; B arrives second and loses.
	await tabletA.setOffline(false);
	await syncNow(a);
	await tabletB.setOffline(false);
	await syncNow(b);
	await expect(row(b, managerName).getByTestId('appointment-status')).toHaveText('待确认');
	await syncNow(a);
	await expect(row(a, clerkName).getByTestId('appointment-status')).toHaveText('已预约');
	await expect(row(a, managerName).getByTestId('appointment-status')).toHaveText('待确认', {
		timeout: 30_000
	});

	// 待处理 on B: its own rejection with everything it entered, phone masked.
	await b.goto('/attention');
	const itemB = b.getByTestId('attention-item').filter({ hasText: managerName });
	await expect(itemB).toHaveAttribute('data-code', 'SLOT_FULL');
	await expect(itemB).toContainText('时段已约满');
	await expect(itemB).toContainText(`${managerName}的备注`);
	await expect(itemB).toContainText('139****2222');
	await expect(itemB.getByRole('button', { name: /^改约到/ }).first()).toBeVisible();
	await expect(itemB.getByRole('button', { name: '超额确认（管理人员）' })).toBeVisible();
	await shot(b, 'attention-own');

	// 待处理 on A: the same booking, pulled from the server, with its free alternatives.
	await a.goto('/attention');
	const itemA = a.getByTestId('attention-item').filter({ hasText: managerName });
	await expect(itemA).toHaveAttribute('data-code', 'SLOT_FULL');
	await expect(itemA).toContainText('139****2222');
	await expect(itemA).toContainText(`${managerName}的备注`);
	await shot(a, 'attention-other-tablet');

	// The clerk on A settles it: one tap moves it to a free slot.
	const move = itemA.getByRole('button', { name: /^改约到/ }).first();
	const movedTo = (await move.textContent())!.match(/\d\d:\d\d/)![0];
	await move.click();
	await expect(itemA).toHaveCount(0);
	await syncNow(a);

	// B hears of it: the booking is confirmed at the new time, its 待处理 entry says so.
	await syncNow(b);
	await b.reload();
	await expect(itemB).toContainText('该预约已由他人处理', { timeout: 30_000 });
	await itemB.getByRole('button', { name: '已处理' }).click();
	await expect(itemB).toHaveCount(0);
	await b.goto(ledger);
	const settled = row(b, managerName);
	await expect(settled.getByTestId('appointment-status')).toHaveText('已预约');
	await expect(settled.locator('td').first()).toHaveText(movedTo);

	// The clerk taps to see the phone: shown in full, and the server's audit log has the tap.
	await a.goto(ledger);
	await row(a, managerName)
		.getByRole('button', { name: new RegExp(`显示${managerName}的完整电话`) })
		.click();
	await expect(row(a, managerName).getByTestId('phone')).toHaveText('13900002222');
	await syncNow(a);
	const reveals = await b.evaluate(async () => {
		const res = await fetch('/api/audit?limit=200');
		const body = await res.json();
		return body.entries.filter((e: { name: string }) => e.name === 'appointment.reveal');
	});
	expect(reveals.length).toBeGreaterThan(0);
	expect(reveals[0]).toMatchObject({ status: 'applied', args: { field: 'phone' } });

	// The manager's view of the whole hall.
	// The ledger remembers the department this tablet chose; an empty one in the address is all.
	await b.goto(`/appointments?date=${date}&department=`);
	await expect(b.getByTestId('hall-board')).toContainText('不动产登记中心');
	await shot(b, 'hall');

	await tabletA.close();
	await tabletB.close();
});
