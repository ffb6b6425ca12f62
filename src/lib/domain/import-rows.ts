/**
 * What an import mutation carries: the row shapes and the most rows one import holds. The model's
 * mutators check them on the tablet and on the server; the spreadsheet readers
 * (organisation-import.ts and its kin) build them. Kept apart from the readers so that every page
 * loads these few schemas with the model, and the readers only with the screens that import.
 */
import { z } from 'zod';
import { maskedPhone, needsCategory, phone, serviceWindowFields, staffSchema } from '$lib/schemas';

/** The most rows one import carries; one mutation holds them all, so the server can refuse them all. */
export const MAX_IMPORT_ROWS = 1000;

/** A staff record as staff.import carries it: the staff.upsert fields and its spreadsheet row. */
export const staffImportRow = staffSchema
	.omit({ centreId: true })
	.extend({ line: z.number().int().min(2), phone: z.union([phone, maskedPhone]) });
export type StaffImportRow = z.infer<typeof staffImportRow>;

/** A window as window.import carries it: the window fields and its spreadsheet row. */
export const windowImportRow = serviceWindowFields
	.omit({ centreId: true })
	.extend({ line: z.number().int().min(2) })
	.refine(needsCategory.check, needsCategory.message);
export type WindowImportRow = z.infer<typeof windowImportRow>;
