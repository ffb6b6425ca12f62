/**
 * The public service list (宣传): what a citizen may read about a centre without logging in.
 * Read straight from the records table and cut down to an allow-list of fields, so nothing
 * personal (staff names, staff phones, appointments) can reach the page even if a record grows.
 */
import { and, eq, inArray } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { z } from 'zod';
import {
	centre as centreEntity,
	department,
	safeParseRecord,
	serviceItem,
	type Channel,
	type Entity,
	type Session
} from '$lib/schemas';
import { addDays, hallCalendar, serviceHours, type DayKind } from '$lib/domain/calendar';
import type { Db } from '../db/open';
import { centres, records } from '../db/schema';

export interface PublicService {
	name: string;
	category: string;
	channels: Channel[];
	deadlineDays: number;
	bookable: boolean;
}

export interface PublicDepartment {
	name: string;
	services: PublicService[];
}

export interface PublicDay {
	date: string;
	kind: DayKind;
	sessions: Session[];
}

export interface PublicServiceList {
	centre: { name: string; slug: string; address: string };
	phones: { label: string; phone: string }[];
	departments: PublicDepartment[];
	/** The latest change to any item of the list (added, edited or retired); none before the first. */
	updatedAt: string | undefined;
	days: PublicDay[];
}

export const DAYS_AHEAD = 14;

/** The centre's public list, or undefined when no centre has that slug. */
export async function serviceList(
	db: Db,
	slug: string,
	today: string
): Promise<PublicServiceList | undefined> {
	const [found] = await db.orm
		.select({ id: centres.id })
		.from(centres)
		.where(eq(centres.slug, slug))
		.limit(1);
	if (!found) return undefined;
	const rows = await db.orm
		.select({ entity: records.entity, data: records.data })
		.from(records)
		.where(
			and(
				eq(records.centreId, found.id),
				eq(records.deleted, false),
				inArray(records.entity, ['centre', 'department', 'serviceItem'])
			)
		);
	// Every row is upgraded and checked on its way out; one that fails is left off, not shown half-read.
	const of = <S extends z.ZodType>(entity: Entity<S>): z.infer<S>[] =>
		rows.flatMap((r) => {
			if (r.entity !== entity.name) return [];
			const parsed = safeParseRecord(entity, r.data);
			return parsed.ok ? [parsed.value] : [];
		});
	const centre = of(centreEntity)[0];
	if (!centre) return undefined;
	const items = of(serviceItem);
	const departments = of(department).sort((a, b) => a.sortOrder - b.sortOrder);
	const shown = items.filter((i) => !i.retired && i.availableNonWorking);
	const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh');
	const settings = centre.settings;
	return {
		centre: { name: centre.name, slug: centre.slug, address: centre.address },
		phones: settings.consultationPhones.map(({ label, phone }) => ({ label, phone })),
		departments: departments
			.map((d) => ({
				name: d.name,
				services: shown
					.filter((i) => i.departmentId === d.id)
					.sort(byName)
					.map(({ name, category, channels, deadlineDays, bookable }) => ({
						name,
						category,
						channels,
						deadlineDays,
						bookable
					}))
			}))
			.filter((d) => d.services.length > 0),
		updatedAt: items.reduce<string | undefined>(
			(latest, i) =>
				!latest || Date.parse(i.updatedAt) > Date.parse(latest) ? i.updatedAt : latest,
			undefined
		),
		days: Array.from({ length: DAYS_AHEAD }, (_, n) => {
			const date = addDays(today, n);
			const hours = serviceHours(date, settings, hallCalendar(settings));
			return { date, kind: hours.kind, sessions: hours.sessions };
		})
	};
}

/**
 * A QR code as SVG path data over a square of `size` modules (quiet zone included), drawn as
 * one path of horizontal runs: a few kilobytes inline, sharp in print, no canvas and no script.
 */
export function qrPath(text: string): { size: number; d: string } {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size;
	const quiet = 4;
	const parts: string[] = [];
	for (let y = 0; y < n; y++) {
		let x = 0;
		while (x < n) {
			if (!qr.modules.get(y, x)) {
				x++;
				continue;
			}
			const from = x;
			while (x < n && qr.modules.get(y, x)) x++;
			parts.push(`M${from + quiet} ${y + quiet}h${x - from}v1h${from - x}z`);
		}
	}
	return { size: n + 2 * quiet, d: parts.join('') };
}
