import type { Mutator } from './types';
import { appointmentMutators } from './appointment';
import {
	attendanceRecord,
	dayPlanSave,
	dutyNote,
	extendedServiceRecord,
	windowAssign,
	windowSetOpen
} from './duty';
import {
	departmentSetContact,
	departmentUpsert,
	serviceItemUpsert,
	staffImport,
	staffUpsert,
	taskForceRemove,
	taskForceUpsert,
	windowImport,
	windowUpsert
} from './organisation';
import { supervisionMutators } from './supervision';
import { volumeMutators } from './volume';

export * from './types';

/** Every mutation the server accepts, by name. Old names stay here until all devices upgraded. */
export const mutators: Record<string, Mutator<unknown>> = Object.fromEntries(
	[
		staffUpsert,
		departmentUpsert,
		windowUpsert,
		serviceItemUpsert,
		taskForceUpsert,
		taskForceRemove,
		departmentSetContact,
		staffImport,
		windowImport,
		dayPlanSave,
		attendanceRecord,
		windowSetOpen,
		windowAssign,
		extendedServiceRecord,
		dutyNote,
		...volumeMutators,
		...appointmentMutators,
		...supervisionMutators
	].map((m) => [m.name, m as Mutator<unknown>])
);

/** The mutator of that name; a name such as 'constructor' is not an inherited property here. */
export const mutatorNamed = (name: string): Mutator<unknown> | undefined =>
	Object.hasOwn(mutators, name) ? mutators[name] : undefined;
