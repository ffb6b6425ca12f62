/**
 * A whole day on a 10-inch tablet (issue 18), in the Chinese UI: what duty leads and managers met
 * and what they see now. The tablets believe it is 10:05 on a coming Saturday in the hall, a
 * 不打烊 day with a plan, half-hour slots and bookings in the demo centre.
 */
import { expect, test, type Page } from './fixtures';
import { comingSaturday, controlledByServiceWorker, login, readTable, shiftDate } from './helpers';

/** The hall's date of the coming Saturday (never today). */
const DAY = comingSaturday();
const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };
const NOW = '10:05';

async function openAt(page: Page, username: string) {
	await page.clock.setFixedTime(new Date(`${DAY}T${NOW}:00+08:00`));
	await login(page, username);
}

test('a duty lead: refusals name the field in Chinese, a bad date leads back to today, an offline reload claims nothing false', async ({
	page,
	context
}) => {
	await openAt(page, 'duty');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('今日值班');

	// An extended service that ends before it starts: the refusal names 结束时间, not `end`.
	const extended = page.getByRole('region', { name: '延时服务' });
	await extended.getByLabel('开始', { exact: true }).fill('18:00');
	await extended.getByLabel('结束', { exact: true }).fill('17:30');
	await extended.getByLabel('延时服务人数').fill('2');
	await extended.getByLabel('最后服务的办事人（取号号码或姓名）').fill('A003');
	await extended.getByLabel('确认已无群众等候').check();
	await extended.getByRole('button', { name: '记录延时服务' }).click();
	await expect(page.getByText('输入有误：结束时间')).toBeVisible();
	await expect(page.getByText(/输入有误：[a-z]/)).toHaveCount(0);

	// Dates the calendar lacks, on every page that reads one from its address.
	for (const [address, bad, back, heading] of [
		['/roster/day?date=2026-02-30', '2026-02-30', '/roster/day', '排班计划 · '],
		['/?date=abc', 'abc', '/', '今日值班 · '],
		['/appointments?date=2026-04-31', '2026-04-31', '/appointments', '预约台账']
	] as const) {
		await page.goto(address);
		const notice = page.getByRole('alert').filter({ hasText: '网址中的日期' });
		await expect(notice).toHaveText(new RegExp(`网址中的日期“${bad}”不存在`));
		await expect(page.getByText('正在读取本机数据…')).toHaveCount(0);
		await notice.getByRole('link', { name: /^回到今天/ }).click();
		await expect(page).toHaveURL(`${back}?date=${DAY}`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
		await expect(notice).toHaveCount(0);
	}
	await expect(page.getByLabel('日期', { exact: true })).toHaveValue(DAY);

	// Offline, one note waits in the outbox; the reload must never say 已全部同步 or 尚未同步.
	await page.goto('/');
	await controlledByServiceWorker(page);
	await context.setOffline(true);
	await page.getByPlaceholder('例如：10:20 系统短暂中断，已恢复').fill('离线时记下的一条');
	await page.getByRole('button', { name: '添加记录' }).click();
	await expect(page.getByTestId('sync-waiting')).toHaveText('1 项待同步');
	await page.addInitScript(() => {
		const seen: string[] = [];
		Object.assign(window, { claims: seen });
		new MutationObserver(() => {
			for (const id of ['sync-waiting', 'sync-last']) {
				const text = document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
				if (text) seen.push(text);
			}
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});
	await page.reload();
	await expect(page.getByTestId('sync-state')).toHaveText('离线');
	await expect(page.getByTestId('sync-waiting')).toHaveText('1 项待同步');
	await expect(page.getByTestId('sync-last')).toHaveText(`上次同步 ${NOW}`);
	const claims = await page.evaluate(() => (window as unknown as { claims: string[] }).claims);
	expect(claims.length).toBeGreaterThan(0);
	expect(claims).not.toContain('已全部同步');
	expect(claims).not.toContain('尚未同步');
	await context.setOffline(false);
});

test('a manager at 10:05: only slots still ahead are offered, 爽约 waits for the time, and a tap can be taken back', async ({
	page,
	context
}) => {
	await openAt(page, 'manager');
	await page.goto(`/appointments?date=${DAY}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('预约台账');
	await expect(page.getByTestId('slot').first()).toBeVisible();

	// The slot list books only slots that have not begun.
	const bookable = await page.getByRole('button', { name: /^预约 \d\d:\d\d$/ }).allTextContents();
	expect(bookable.length).toBeGreaterThan(0);
	for (const label of bookable) expect(label.replace('预约 ', '') > NOW).toBe(true);
	const early = page.getByTestId('slot').filter({ hasText: '09:00–09:30' });
	await expect(early.first()).toBeVisible();
	await expect(early.getByRole('button', { name: /^预约 / })).toHaveCount(0);

	// So does the booking form's list of times.
	await page.getByRole('button', { name: '新建预约' }).click();
	const form = page.getByRole('form', { name: '新建预约' });
	const times = (await form.getByLabel('事项与时段').locator('option').allTextContents())
		.map((t) => t.match(/^(\d\d:\d\d)（/)?.[1])
		.filter((t): t is string => !!t);
	expect(times.length).toBeGreaterThan(0);
	expect(times.filter((t) => t <= NOW)).toEqual([]);

	// Offline (the server's clock is not the tablet's): 爽约 only on a booking whose time has come.
	await context.setOffline(true);
	const booked = page.locator('[data-testid="appointment-row"][data-status="booked"]');
	const starts = await booked.locator('td.time').allTextContents();
	const past = starts.findIndex((s) => s < NOW);
	const ahead = starts.findIndex((s) => s > NOW);
	expect(past).toBeGreaterThanOrEqual(0);
	expect(ahead).toBeGreaterThanOrEqual(0);
	await expect(booked.nth(ahead).getByRole('button', { name: '爽约' })).toHaveCount(0);
	const start = starts[past];
	const name = (await booked.nth(past).locator('td').nth(1).locator('strong').textContent())!;
	const row = page
		.getByTestId('appointment-row')
		.filter({ hasText: name })
		.filter({ has: page.locator('td.time', { hasText: start }) })
		.first();
	const status = row.getByTestId('appointment-status');
	await row.getByRole('button', { name: '爽约' }).click();
	await expect(status).toHaveText('爽约');

	// The tap is taken back from the same row, at once.
	await row.first().getByRole('button', { name: '撤销“爽约”，恢复为“已预约”' }).click();
	await expect(status).toHaveText('已预约');
	await expect(page.getByText('已撤销，恢复为“已预约”')).toBeVisible();
	await expect(row.getByRole('button', { name: /^撤销/ })).toHaveCount(0);
	await context.setOffline(false);
});

test('a booking that lost its place: said in words, flagged on every tablet after a reload, reached from the menu, offered only times ahead', async ({
	browser
}) => {
	const suffix = Date.now() % 10_000;
	const tablets = [
		await browser.newContext({ viewport: LANDSCAPE }),
		await browser.newContext({ viewport: PORTRAIT })
	];
	const [a, b] = await Promise.all(tablets.map((t) => t.newPage()));
	await openAt(a, 'clerk');
	await openAt(b, 'manager');
	const ledger = `/appointments?date=${DAY}&department=dept-estate`;
	const syncNow = async (page: Page) => {
		await page.getByRole('button', { name: '立即同步' }).click();
		await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });
	};

	// The manager leaves one free place in a slot still ahead.
	await b.goto(ledger);
	const offer = b.getByRole('button', { name: /^预约 \d\d:\d\d$/ }).first();
	const start = (await offer.textContent())!.replace('预约 ', '').trim();
	const slotId = (await b
		.getByTestId('slot')
		.filter({ has: offer })
		.first()
		.getAttribute('data-slot-id'))!;
	const slotOf = (page: Page) => page.locator(`[data-slot-id="${slotId}"]`);
	const count = slotOf(b).getByTestId('slot-count');
	for (;;) {
		const [booked, capacity] = (await count.textContent())!.match(/\d+/g)!.map(Number);
		if (capacity - booked <= 1) break;
		await slotOf(b)
			.getByRole('button', { name: `${start} 时段减少一个名额` })
			.click();
		await expect(count).toHaveText(`已约 ${booked}/${capacity - 1}`);
	}
	await syncNow(b);
	await a.goto(ledger);
	await syncNow(a);

	// Both take the last place offline; the clerk reaches the server first.
	for (const t of tablets) await t.setOffline(true);
	for (const [page, name, phone] of [
		[a, `甲${suffix}`, '13900003333'],
		[b, `乙${suffix}`, '13900004444']
	] as const) {
		await slotOf(page)
			.getByRole('button', { name: `预约 ${start}` })
			.click();
		const form = page.getByRole('form', { name: '新建预约' });
		await form.getByLabel('姓名或企业名称').fill(name);
		await form.getByLabel('联系电话').fill(phone);
		await form.getByRole('button', { name: '确认预约' }).click();
		await expect(page.getByTestId('appointment-row').filter({ hasText: name })).toBeVisible();
	}
	await tablets[0].setOffline(false);
	await syncNow(a);
	await tablets[1].setOffline(false);
	await syncNow(b);

	// The flag survives a reload on the tablet that lost, and on the one that won, and the menu
	// leads to 待处理 with the same count, in the portrait bottom bar too.
	const flag = (page: Page) => page.getByRole('link', { name: /^\d+ 项需处理$/ });
	const flagged = async (page: Page) => {
		await expect(flag(page)).toBeVisible();
		const count = (await flag(page).textContent())!.match(/\d+/)![0];
		expect(Number(count)).toBeGreaterThan(0);
		await expect(page.getByTestId('nav-attention-count')).toHaveText(count);
	};
	for (const page of [a, b]) {
		await flagged(page);
		await page.reload();
		await flagged(page);
	}
	// A third tablet of the manager's, signed in afresh, raises it too, also after a reload.
	const third = await browser.newContext({ viewport: PORTRAIT });
	const c = await third.newPage();
	await openAt(c, 'manager');
	await flagged(c);
	await c.reload();
	await flagged(c);
	await third.close();

	await b
		.getByRole('navigation')
		.getByRole('link', { name: /^待处理/ })
		.click();
	await expect(b).toHaveURL('/attention');
	const item = b.getByTestId('attention-item').filter({ hasText: `乙${suffix}` });

	// What was attempted, in words, and why it lost; code, mutation and data only folded away.
	const sameDay = new Intl.DateTimeFormat('zh-CN', {
		timeZone: 'Asia/Shanghai',
		month: 'numeric',
		day: 'numeric',
		weekday: 'short'
	}).format(new Date(`${DAY}T12:00:00+08:00`));
	await expect(item.getByTestId('attempted')).toHaveText(`预约 乙${suffix} ${sameDay} ${start}`);
	await expect(item.getByTestId('lost-why')).toHaveText(`未能完成：${sameDay} ${start} 时段已约满`);
	const support = item.getByTestId('support-details');
	await expect(support).not.toHaveAttribute('open', '');
	for (const raw of ['SLOT_FULL', 'appointment.book', '"slotId"']) {
		await expect(item.getByText(raw, { exact: false })).toBeHidden();
	}
	await b.screenshot({ path: '/tmp/tablet2-attention-portrait.png', fullPage: true });
	await support.getByText('技术详情（供技术支持查看）').click();
	await expect(support.getByText('SLOT_FULL')).toBeVisible();
	await expect(support.getByText('appointment.book')).toBeVisible();

	// The server listed the free places of that day from the morning on; 10:05 has passed them.
	await expect(item).toHaveAttribute('data-code', 'SLOT_FULL');
	// As the server refused it: its alternatives start with the morning's free places.
	// Read with the plain IndexedDB API: no app code decides what we see.
	const results = await readTable<{ code?: string; detail?: { alternatives?: unknown } }>(
		b,
		'results'
	);
	const full = results.find((r) => r.code === 'SLOT_FULL');
	const listed = (full?.detail?.alternatives ?? []) as { date: string; start: string }[];
	expect(listed.some((p) => p.date === DAY && p.start <= NOW)).toBe(true);
	const offered = item.getByRole('button', { name: /^改约到/ });
	await expect(offered.first()).toBeVisible();
	const moves = await offered.allTextContents();
	for (const move of moves) {
		const [, date, time] = move.match(/^改约到 (.+) (\d\d:\d\d)（/)!;
		if (date === sameDay) expect(time > NOW).toBe(true);
	}
	for (const t of tablets) await t.close();
});

test('a manager planning: unsaved edits are never left unasked, for another day, another screen or a closed tab', async ({
	page
}) => {
	await openAt(page, 'manager');
	const dayAfter = shiftDate(DAY, 1);
	await page.goto(`/roster/day?date=${DAY}`);
	const notes = page.getByLabel('备注', { exact: true });
	const saveBar = page.getByTestId('plan-save-bar');
	const unsaved = saveBar.getByTestId('plan-unsaved');
	const dialog = page.getByRole('dialog', { name: '排班有未保存的修改' });
	const before = await notes.inputValue();
	// The advice above the plan is worked out after the page opens and makes it longer: a hand
	// scrolls once it is there, not into a page that is still growing.
	await expect(page.getByTestId('advice-row').first()).toBeVisible();
	const edit = async (text: string) => {
		// Scrolled to from above, as a hand does: it stops clear of the sticky bar.
		await notes.evaluate((e) => e.scrollIntoView({ block: 'end' }));
		await notes.fill(text);
		await notes.blur();
		await expect(unsaved).toHaveText('有未保存的修改');
	};

	// The badge sits in the save bar beside the save button, in view where the edit was made.
	await edit('周六请提前十分钟到岗');
	const [badge, save, field] = await Promise.all(
		[unsaved, saveBar.getByRole('button', { name: '保存计划' }), notes].map((l) => l.boundingBox())
	);
	expect(Math.abs(badge!.y + badge!.height / 2 - (save!.y + save!.height / 2))).toBeLessThan(8);
	expect(save!.x - (badge!.x + badge!.width)).toBeLessThan(40);
	expect(save!.y + save!.height).toBeLessThanOrEqual(800);
	expect(field!.y + field!.height).toBeLessThanOrEqual(save!.y);

	// Another day: asked first; staying keeps the edit.
	await page.getByRole('link', { name: '后一天' }).click();
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText('的排班计划改了还没保存');
	await page.screenshot({ path: '/tmp/tablet2-unsaved-dialog.png' });
	await dialog.getByRole('button', { name: '留在此页' }).click();
	await expect(dialog).toBeHidden();
	await expect(page).toHaveURL(`/roster/day?date=${DAY}`);
	await expect(notes).toHaveValue('周六请提前十分钟到岗');

	// Discarding goes on to the next day; the edit is gone when coming back, and nobody asks.
	await page.getByRole('link', { name: '后一天' }).click();
	await dialog.getByRole('button', { name: '放弃修改' }).click();
	await expect(page).toHaveURL(`/roster/day?date=${dayAfter}`);
	await expect(unsaved).toHaveCount(0);
	await page.getByRole('link', { name: '前一天' }).click();
	await expect(page).toHaveURL(`/roster/day?date=${DAY}`);
	await expect(dialog).toBeHidden();
	await expect(notes).toHaveValue(before);

	// Another screen from the menu: saving first, then on to where the tap pointed.
	await edit('周六请提前十分钟到岗');
	await page
		.getByRole('navigation', { name: '主要功能' })
		.getByRole('link', { name: '今日' })
		.click();
	await dialog.getByRole('button', { name: '保存并离开' }).click();
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('今日值班');
	await page.goto(`/roster/day?date=${DAY}`);
	await expect(notes).toHaveValue('周六请提前十分钟到岗');

	// A closed tab or a reload: the browser's own question, and the tab stays.
	await edit(before);
	const asked = new Promise<string>((ok) =>
		page.once('dialog', (d) => {
			ok(d.type());
			void d.dismiss();
		})
	);
	await page.close({ runBeforeUnload: true });
	expect(await asked).toBe('beforeunload');
	expect(page.isClosed()).toBe(false);
	// Closed for good without asking again, so the context can end.
	await page.close({ runBeforeUnload: false });
});

/** The bottom bar's links, each answering a tap at its centre, and its box. */
async function navAnswersTaps(page: Page) {
	return page.evaluate(() => {
		const nav = document.querySelector('nav[aria-label]')!;
		const links = [...nav.querySelectorAll('a')];
		const wrong = links
			.map((a) => {
				const r = a.getBoundingClientRect();
				const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
				return hit?.closest('a') === a
					? undefined
					: `${a.textContent?.trim()} → ${hit?.outerHTML.slice(0, 60)}`;
			})
			.filter(Boolean);
		return { wrong, links: links.length };
	});
}

/** Whether two boxes share more than the sub-pixel rounding of a shared edge. */
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
	a.x + 1 < b.x + b.width &&
	b.x + 1 < a.x + a.width &&
	a.y + 1 < b.y + b.height &&
	b.y + 1 < a.y + a.height;

test('portrait 800×1280: the save bar, the charts and 撤销 never lie over the bottom navigation, whose links take every tap', async ({
	browser
}) => {
	const tablet = await browser.newContext({ viewport: PORTRAIT });
	const page = await tablet.newPage();
	await openAt(page, 'manager');
	const nav = page.getByRole('navigation', { name: '主要功能' });

	for (const [address, target, ready] of [
		[
			`/roster/day?date=${DAY}`,
			'[data-testid="plan-save-bar"] button',
			'[data-testid="plan-save-bar"]'
		],
		['/review', 'canvas[data-ready="true"]', 'canvas[data-ready="true"]'],
		['/volume', 'section.counter button:last-child', 'section.counter']
	] as const) {
		await page.goto(address);
		await expect(page.locator(ready).first()).toBeVisible();
		const targets = page.locator(target);
		const count = await targets.count();
		expect(count, address).toBeGreaterThan(0);
		for (let i = 0; i < count; i++) {
			const el = targets.nth(i);
			// Brought into view from below, it stops above the bar.
			await el.evaluate((e) => {
				window.scrollTo(0, 0);
				e.scrollIntoView({ block: 'end' });
			});
			const [box, bar] = [await el.boundingBox(), await nav.boundingBox()];
			expect(overlaps(box!, bar!), `${address} ${target} #${i}`).toBe(false);
			// Scrolled right behind the bar, the bar still takes the taps.
			await el.evaluate((e) => {
				const navTop = document.querySelector('nav[aria-label]')!.getBoundingClientRect().top;
				window.scrollBy(0, e.getBoundingClientRect().top - navTop);
			});
			const taps = await navAnswersTaps(page);
			expect(taps.links).toBe(12);
			expect(taps.wrong, `${address} ${target} #${i}`).toEqual([]);
		}
	}

	// The sticky save bar rides above the bar at every scroll, the unsaved badge with it.
	await page.goto(`/roster/day?date=${DAY}`);
	const notes = page.getByLabel('备注', { exact: true });
	await notes.fill('竖屏下的修改');
	await notes.blur();
	const saveBar = page.getByTestId('plan-save-bar');
	for (const y of [0, 600, 1800, 100_000]) {
		await page.evaluate((to) => window.scrollTo(0, to), y);
		const [box, bar] = [await saveBar.boundingBox(), await nav.boundingBox()];
		expect(box!.y + box!.height, `scrolled to ${y}`).toBeLessThanOrEqual(bar!.y + 0.5);
		// Stuck just above the bar while the edits go on below; at the very end, where it lies.
		if (y < 100_000) expect(box!.y + box!.height).toBeGreaterThan(bar!.y - 40);
	}
	await page.evaluate(() => window.scrollTo(0, 600));
	await page.screenshot({ path: '/tmp/tablet2-portrait-plan.png' });
	await page.getByTestId('plan-save-bar').getByRole('button', { name: '保存计划' }).click();
	await expect(page.getByTestId('plan-unsaved')).toHaveCount(0);
	await page.goto('/volume');
	await page.evaluate(() => window.scrollTo(0, 400));
	await page.screenshot({ path: '/tmp/tablet2-portrait-volume.png' });
	await tablet.close();
});

test('a message after saving lies clear of the save bar and the bottom bar in both orientations, and is dismissed with a tap', async ({
	page
}) => {
	await openAt(page, 'manager');
	await page.goto(`/roster/day?date=${DAY}`);
	const notes = page.getByLabel('备注', { exact: true });
	const saveBar = page.getByTestId('plan-save-bar');
	const nav = page.getByRole('navigation', { name: '主要功能' });
	for (const [viewport, text] of [
		[LANDSCAPE, '横屏保存'],
		[PORTRAIT, '竖屏保存']
	] as const) {
		await page.setViewportSize(viewport);
		await notes.evaluate((e) => e.scrollIntoView({ block: 'end' }));
		await notes.fill(text);
		await notes.blur();
		await saveBar.getByRole('button', { name: '保存计划' }).click();
		const toast = page.getByTestId('notices').locator('.notice').filter({ hasText: '计划已保存' });
		await expect(toast).toBeVisible();
		const [box, bar, menu] = [
			await toast.boundingBox(),
			await saveBar.boundingBox(),
			await nav.boundingBox()
		];
		expect(overlaps(box!, bar!), `${viewport.width}: over the save bar`).toBe(false);
		expect(overlaps(box!, menu!), `${viewport.width}: over the menu`).toBe(false);
		await page.screenshot({ path: `/tmp/tablet2-toast-${viewport.width}.png` });
		await toast.getByRole('button', { name: '关闭提示' }).click();
		await expect(toast).toHaveCount(0);
	}
});

test('the duty lead’s morning starts with check-in: each person’s window and start time, and late minutes of any number', async ({
	page
}) => {
	await page.setViewportSize(PORTRAIT);
	await openAt(page, 'duty');
	await page.goto(`/?date=${DAY}`);
	const checkIn = page.getByRole('region', { name: '到岗情况' });
	await expect(checkIn).toBeVisible();
	// First on the page, before the windows, and in reach without scrolling.
	const [first, windows] = [
		await checkIn.boundingBox(),
		await page.getByRole('region', { name: '窗口开放' }).boundingBox()
	];
	expect(first!.y).toBeLessThan(windows!.y);
	expect(first!.y).toBeLessThan(1280 / 2);

	const rows = checkIn.getByRole('listitem');
	await expect(rows.first()).toBeVisible();
	const posts = await checkIn.getByTestId('staff-post').allTextContents();
	expect(posts.length).toBeGreaterThan(3);
	for (const post of posts) expect(post).toMatch(/ · \d\d:\d\d 起$/);
	expect(posts.some((p) => /^[A-Z]\d\d /.test(p))).toBe(true);
	await page.screenshot({ path: '/tmp/tablet2-checkin-portrait.png' });

	// Late by 7 minutes: not one of the quick choices, typed; nonsense is refused in words.
	const row = rows.nth(3);
	const name = (await row.locator('strong').first().textContent())!;
	await row.getByRole('button', { name: '迟到', exact: true }).click();
	const late = row.getByRole('form', { name: '迟到分钟数' });
	for (const q of ['5′', '10′', '15′', '30′'])
		await expect(late.getByRole('button', { name: q, exact: true })).toBeVisible();
	const minutes = late.getByRole('spinbutton', { name: '迟到分钟数' });
	await expect(minutes).toHaveAttribute('step', '1');
	for (const bad of ['0', '601', '']) {
		await minutes.fill(bad);
		await late.getByRole('button', { name: '记录迟到' }).click();
		await expect(late.getByRole('alert')).toHaveText('迟到分钟数请填 1 到 600 之间的整数');
		await expect(minutes).toHaveAttribute('aria-invalid', 'true');
	}
	await minutes.fill('7');
	await late.getByRole('button', { name: '记录迟到' }).click();
	await expect(page.getByTestId(/^checkin-/).filter({ hasText: name })).toContainText(
		'迟到 7 分钟'
	);
	await expect(late).toHaveCount(0);
});

test('the window toggle names its action beside a state badge, and only the window changed offline is marked 待同步', async ({
	page,
	context
}) => {
	await openAt(page, 'duty');
	await page.goto(`/?date=${DAY}`);
	const rows = page.locator('[data-testid^="board-window-"]');
	const open = rows.filter({ has: page.getByTestId('window-state').getByText('开放中') });
	await expect(open.first()).toBeVisible();
	const row = open.first();
	const code = (await row.locator('.code').textContent())!;
	const target = page.getByTestId(`board-window-${code}`);
	await expect(target.getByRole('button', { name: `关闭窗口 ${code}` })).toBeVisible();
	await expect(page.getByTestId('window-pending')).toHaveCount(0);

	await context.setOffline(true);
	await target.getByRole('button', { name: /^关闭窗口/ }).click();
	await expect(target.getByTestId('window-state')).toHaveText('已关闭');
	await expect(target.getByRole('button', { name: `开放窗口 ${code}` })).toBeVisible();
	// Its own change waits; the rest of the day's windows say nothing of it.
	await expect(target.getByTestId('window-pending')).toHaveText('待同步');
	await expect(page.getByTestId('window-pending')).toHaveCount(1);
	await expect(rows.and(page.locator('.pending'))).toHaveCount(1);
	await page.screenshot({ path: '/tmp/tablet2-windows.png' });

	await context.setOffline(false);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('sync-waiting')).toHaveText('已全部同步', { timeout: 30_000 });
	await expect(page.getByTestId('window-pending')).toHaveCount(0);
	// Opened again as it was, for the other journeys of the day.
	await target.getByRole('button', { name: /^开放窗口/ }).click();
	await expect(target.getByTestId('window-state')).toHaveText('开放中');
});
