import type { ArgsOf, Mutator } from './mutator';
import {
	appointmentBook,
	appointmentReschedule,
	appointmentReveal,
	appointmentSetStatus,
	slotBlock,
	slotGenerate,
	slotSetCapacity
} from './mutators/appointment';
import {
	calendarClearDay,
	calendarRemoveNotice,
	calendarSetDay,
	calendarSetNotice
} from './mutators/calendar';
import {
	attendanceRecord,
	dayPlanSave,
	dutyNote,
	extendedServiceRecord,
	windowAssign,
	windowSetOpen
} from './mutators/duty';
import {
	departmentSetContact,
	departmentSetHead,
	departmentUpsert,
	serviceItemUpsert,
	staffImport,
	staffUpsert,
	taskForceRemove,
	taskForceUpsert,
	windowImport,
	windowUpsert
} from './mutators/organisation';
import {
	inspectionAddFinding,
	inspectionCheck,
	inspectionCommend,
	inspectionSetFindingStatus,
	inspectionStart,
	serviceItemRetire
} from './mutators/supervision';
import { caseComplete, caseImport, caseRecord } from './mutators/case';
import { evaluationFollowUp, evaluationImport, evaluationRecord } from './mutators/evaluation';
import { centreUpdate } from './mutators/centre';
import { overtimeApprove, timeOffRecord, timeOffRemove } from './mutators/overtime';
import { extendedServiceLog } from './mutators/extended-service';
import {
	monthlyReportNote,
	monthlyReportReopen,
	monthlyReportSend
} from './mutators/monthly-report';
import { ruleSetUpdate } from './mutators/rules';
import { volumeAdd, volumeAddBatch } from './mutators/volume';

type Groups = Record<string, Record<string, Mutator>>;

/**
 * Accepts a registry only when every mutator sits under its own wire name: `volume.add` under
 * `volume`, then `add`. A mutator filed in the wrong place does not compile.
 */
const wireNamed = <const R extends Groups>(
	registry: R & {
		[NS in keyof R & string]: { [K in keyof R[NS] & string]: { name: `${NS}.${K}` } };
	}
): R => registry;

/**
 * Every mutation the server accepts, by namespace then action. Old names stay here until all
 * devices upgraded (docs/sync-protocol.md, "Named mutations").
 */
export const registry = wireNamed({
	staff: { upsert: staffUpsert, import: staffImport },
	department: {
		upsert: departmentUpsert,
		setContact: departmentSetContact,
		setHead: departmentSetHead
	},
	window: {
		upsert: windowUpsert,
		import: windowImport,
		setOpen: windowSetOpen,
		assign: windowAssign
	},
	serviceItem: { upsert: serviceItemUpsert, retire: serviceItemRetire },
	taskForce: { upsert: taskForceUpsert, remove: taskForceRemove },
	centre: { update: centreUpdate },
	calendar: {
		setNotice: calendarSetNotice,
		removeNotice: calendarRemoveNotice,
		setDay: calendarSetDay,
		clearDay: calendarClearDay
	},
	dayPlan: { save: dayPlanSave },
	ruleSet: { update: ruleSetUpdate },
	attendance: { record: attendanceRecord },
	duty: { extendedService: extendedServiceRecord, note: dutyNote },
	extendedService: { log: extendedServiceLog },
	volume: { add: volumeAdd, addBatch: volumeAddBatch },
	appointment: {
		book: appointmentBook,
		reschedule: appointmentReschedule,
		setStatus: appointmentSetStatus,
		reveal: appointmentReveal
	},
	slot: { generate: slotGenerate, block: slotBlock, setCapacity: slotSetCapacity },
	inspection: {
		start: inspectionStart,
		check: inspectionCheck,
		addFinding: inspectionAddFinding,
		setFindingStatus: inspectionSetFindingStatus,
		commend: inspectionCommend
	},
	case: { record: caseRecord, complete: caseComplete, import: caseImport },
	evaluation: {
		record: evaluationRecord,
		followUp: evaluationFollowUp,
		import: evaluationImport
	},
	overtime: { approve: overtimeApprove },
	timeOff: { record: timeOffRecord, remove: timeOffRemove },
	monthlyReport: {
		note: monthlyReportNote,
		send: monthlyReportSend,
		reopen: monthlyReportReopen
	}
});

export type Registry = typeof registry;

/** The same mutators by wire name, for the outbox and the server, which know a mutation by its name. */
export const mutators: Readonly<Record<string, Mutator>> = Object.fromEntries(
	Object.values(registry)
		.flatMap((group) => Object.values(group))
		.map((m) => [m.name, m])
);

/** The mutator of that name; a name such as 'constructor' is not an inherited property here. */
export const mutatorNamed = (name: string): Mutator | undefined =>
	Object.hasOwn(mutators, name) ? mutators[name] : undefined;

/** `registry`'s shape with each mutator turned into a call taking its arguments. */
export type Callers<R> = {
	readonly [NS in keyof Registry]: {
		readonly [K in keyof Registry[NS]]: (args: ArgsOf<Registry[NS][K]>) => R;
	};
};

/**
 * Turns `send(name, args)` into `callers.volume.add(args)`, checked by the compiler against each
 * mutator's schema; `send` still receives the wire name.
 */
export function callers<R>(send: (name: string, args: unknown) => R): Callers<R> {
	const groups = Object.entries(registry).map(([ns, group]) => [
		ns,
		Object.fromEntries(
			Object.entries(group).map(([action, m]) => [action, (args: unknown) => send(m.name, args)])
		)
	]);
	// Object.fromEntries forgets which key holds which call; the keys and names are the registry's own.
	return Object.fromEntries(groups) as Callers<R>;
}
