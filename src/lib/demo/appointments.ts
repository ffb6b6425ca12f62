/**
 * Appointment slots and bookings for the bookable services of the departments that take
 * appointments (R6), eight weeks back and two weeks ahead. A slot's `booked` is the number of its
 * appointments that hold a place (not cancelled, not unconfirmed), exactly as the booking
 * mutators keep it.
 */
import type { Appointment, Applicant, AppointmentStatus, ServiceItem, Slot } from '$lib/schemas';
import { addDays, datesBetween, dayKind } from '$lib/domain/calendar';
import { makeCreditCode, makeResidentId } from '$lib/domain/identity';
import { companyName, personName } from './names';
import { centreId, district, type Organisation } from './organisation';
import type { Random } from './random';
import { hallInstant } from '$lib/domain/hall-clock';
import { clock, later } from './time';

/** Province 99 does not exist, so a demo identity number can never be a real person's. */
const demoRegion = '990101';

/** Non-working days: half-hour slots over 09:00–11:30 and 14:00–17:00. */
const nonWorkingStarts = [540, 570, 600, 630, 660, 840, 870, 900, 930, 960, 990];
/** Working days book fewer places: most people walk in. */
const workingStarts = [540, 600, 840, 900];

const missingByCategory: Record<string, string[]> = {
	行政审批: ['营业执照副本原件', '法定代表人身份证明', '股东会决议', '场地使用证明', '授权委托书'],
	不动产登记: ['不动产权证书原件', '婚姻状况证明', '房屋买卖合同原件', '完税凭证', '授权委托书'],
	税务: ['经办人身份证原件', '税务登记信息表', '发票专用章', '授权委托书'],
	社保医保: ['户口簿原件', '近期一寸照片', '原参保地转移联系函', '银行卡复印件']
};
const cancelReasons = ['申请人改约其他时间', '材料尚未备齐', '申请人临时有事', '已通过网上办理'];

export interface DemoAppointments {
	slots: Slot[];
	appointments: Appointment[];
}

export function createAppointments(
	random: Random,
	org: Organisation,
	items: ServiceItem[],
	today: string
): DemoAppointments {
	const departments = new Set(org.departments.filter((d) => d.takesAppointments).map((d) => d.id));
	const bookable = items.filter((i) => i.bookable && departments.has(i.departmentId));
	const dates = datesBetween(addDays(today, -56), addDays(today, 13));
	const slots: Slot[] = [];
	const appointments: Appointment[] = [];

	for (const item of bookable) {
		const weekendCapacity = random.int(2, 4);
		const companyShare = ['dept-reg', 'dept-build', 'dept-tax'].includes(item.departmentId)
			? 0.5
			: 0.1;
		const contactId = org.departments.find((d) => d.id === item.departmentId)?.appointmentContactId;
		for (const date of dates) {
			const working = dayKind(date).working;
			const starts = working ? workingStarts : nonWorkingStarts;
			const length = working ? 60 : 30;
			for (const startMinutes of starts) {
				const start = clock(startMinutes);
				const id = `slot-${date}-${item.id}-${start.replace(':', '')}`;
				const capacity = working ? random.int(1, 2) : weekendCapacity;
				const blocked = random.chance(0.02);
				// Weekend places are offered generously and most people still walk in: bookings are
				// a share of a 不打烊 day's visitors, never more than the windows count.
				const fill = working ? random.between(0.4, 0.9) : random.between(0.05, 0.3);
				const held = blocked ? 0 : Math.round(capacity * fill);
				const cancelled = blocked ? 0 : random.chance(0.15) ? 1 : 0;
				slots.push({
					id,
					centreId,
					v: 1,
					departmentId: item.departmentId,
					serviceItemId: item.id,
					date,
					start,
					end: clock(startMinutes + length),
					capacity,
					booked: held,
					blocked
				});
				for (let n = 0; n < held + cancelled; n++) {
					const status: AppointmentStatus =
						n >= held ? 'cancelled' : date < today ? pastOutcome(random) : 'booked';
					appointments.push(
						createAppointment(random, {
							id: `appt-${date}-${item.id.slice(5)}-${start.replace(':', '')}-${n + 1}`,
							slotId: id,
							item,
							date,
							start,
							end: clock(startMinutes + length),
							today,
							status,
							applicant: applicantFor(random, companyShare),
							contactId
						})
					);
				}
			}
		}
	}
	return { slots, appointments };
}

/** Of the people who held a place on a past day: most were served, some refused, some stayed away. */
function pastOutcome(random: Random): AppointmentStatus {
	const r = random.next();
	return r < 0.78 ? 'done' : r < 0.86 ? 'refused' : 'no-show';
}

interface Draft {
	id: string;
	slotId: string;
	item: ServiceItem;
	date: string;
	start: string;
	end: string;
	today: string;
	status: AppointmentStatus;
	applicant: Applicant;
	contactId: string | undefined;
}

function createAppointment(random: Random, d: Draft): Appointment {
	const past = d.date < d.today;
	const walkIn = past && d.status !== 'cancelled' && random.chance(0.1);
	const channel = walkIn ? 'walk-in' : random.chance(0.55) ? 'online' : 'phone';
	// Bookings are made days ahead, and never later than yesterday: the demo knows no clock time.
	let made = addDays(d.date, -random.int(2, 10));
	if (made >= d.today) made = addDays(d.today, -1);
	const createdAt = walkIn
		? hallInstant(d.date, '08:40')
		: later(made, '08:00', random.int(0, 12 * 60));
	const by = d.contactId ? { by: d.contactId } : {};
	const history: Appointment['history'] = [
		{ at: createdAt, status: 'booked', slotId: d.slotId, ...(channel === 'online' ? {} : by) }
	];
	const arrived = -random.int(0, 15);
	const serving = random.int(0, 10);
	switch (d.status) {
		case 'done':
		case 'refused':
			history.push(
				{ at: later(d.date, d.start, arrived), status: 'arrived', ...by },
				{ at: later(d.date, d.start, serving), status: 'serving', ...by },
				{ at: later(d.date, d.start, serving + d.item.handleMinutes), status: d.status, ...by }
			);
			break;
		case 'no-show':
			history.push({ at: later(d.date, d.end, 15), status: 'no-show', ...by });
			break;
		case 'cancelled':
			history.push({
				at: later(createdAt.slice(0, 10), createdAt.slice(11, 16), random.int(30, 180)),
				status: 'cancelled'
			});
			break;
	}
	const missing = missingByCategory[d.item.category] ?? missingByCategory['行政审批'];
	return {
		id: d.id,
		centreId,
		v: 1,
		slotId: d.slotId,
		departmentId: d.item.departmentId,
		serviceItemId: d.item.id,
		date: d.date,
		start: d.start,
		applicant: d.applicant,
		channel,
		status: d.status,
		notes: '',
		// 一次告知: everything missing is told at once.
		missingItems: d.status === 'refused' ? random.shuffle(missing).slice(0, random.int(1, 3)) : [],
		...(d.status === 'cancelled' ? { cancelReason: random.pick(cancelReasons) } : {}),
		history,
		createdAt
	};
}

const applicantPhone = (random: Random) => `1380000${String(random.int(0, 9999)).padStart(4, '0')}`;

function applicantFor(random: Random, companyShare: number): Applicant {
	if (random.chance(companyShare)) {
		const orgBody = String(random.int(0, 99_999_999)).padStart(8, '0');
		return {
			kind: 'company',
			name: companyName(random, district),
			phone: applicantPhone(random),
			creditCode: makeCreditCode(demoRegion, orgBody)
		};
	}
	const person: Applicant = {
		kind: 'person',
		name: personName(random),
		phone: applicantPhone(random)
	};
	if (random.chance(0.4)) {
		const birth = `${random.int(1955, 2004)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
		person.idNumber = makeResidentId(demoRegion, birth, random.int(0, 999));
	}
	return person;
}
