import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkArgs, mutatorNamed, mutators } from '$lib/model';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { fieldNames } from './field-names';
import { message } from './message';

const zhLocale = getLocale;
afterEach(() => overwriteGetLocale(zhLocale));

/** The refusal a device would show for these arguments, rendered as the notice renders it. */
function refusal(name: string, args: unknown): string {
	const mutator = mutatorNamed(name);
	if (!mutator) throw new Error(name);
	const checked = checkArgs(mutator, args);
	if (checked.ok) throw new Error(`${name} accepted ${JSON.stringify(args)}`);
	return message(checked.rejection.messageKey, checked.rejection.params);
}

interface JsonSchema {
	$ref?: string;
	properties?: Record<string, JsonSchema>;
	propertyNames?: { enum?: string[] };
	items?: JsonSchema;
	additionalProperties?: JsonSchema | boolean;
	anyOf?: JsonSchema[];
	oneOf?: JsonSchema[];
	allOf?: JsonSchema[];
	$defs?: Record<string, JsonSchema>;
}

/** Every dotted path of a named field in the schema, lists and records stepped through. */
function fieldPaths(root: JsonSchema): Set<string> {
	const out = new Set<string>();
	const walk = (s: JsonSchema | boolean | undefined, path: string[]) => {
		if (!s || typeof s !== 'object' || path.length > 8) return;
		if (s.$ref) return walk(root.$defs?.[s.$ref.split('/').pop() ?? ''], path);
		const named = [...Object.keys(s.properties ?? {}), ...(s.propertyNames?.enum ?? [])];
		for (const k of named) {
			out.add([...path, k].join('.'));
			walk(s.properties?.[k], [...path, k]);
		}
		walk(s.items, path);
		walk(s.additionalProperties, path);
		for (const x of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(x, path);
	};
	walk(root, []);
	return out;
}

describe('field names in refusals', () => {
	it('name a refused field in Chinese, not by its key', () => {
		const text = refusal('duty.extendedService', {
			date: '2026-03-02',
			start: '19:00',
			end: '18:00',
			served: 3
		});
		expect(text).toBe('输入有误：结束时间');
	});

	it('name it in English for an English reader', () => {
		overwriteGetLocale(() => 'en');
		const text = refusal('duty.extendedService', {
			date: '2026-03-02',
			start: '19:00',
			end: '18:00',
			served: 3
		});
		expect(text).toBe('Please check: end time');
	});

	it('name a field deep in a list by its own label, each label once', () => {
		const cell = { hour: 9, category: '综合', channel: 'window', delta: { accepted: 1.5 } };
		const text = refusal('volume.addBatch', {
			date: '2026-03-02',
			source: 'sheet',
			cells: [cell, { ...cell, hour: 10 }]
		});
		expect(text).toBe('输入有误：受理');
	});

	it('qualify a plain name by what it belongs to', () => {
		expect(message('error_invalid', { detail: 'applicant.name, applicant.phone' })).toBe(
			'输入有误：申请人姓名和申请人手机号'
		);
	});

	it('read an unknown or empty path as 此项, never as the raw key', () => {
		expect(message('error_invalid', { detail: 'mysteryField' })).toBe('输入有误：此项');
		expect(message('input_error_depth', { detail: '' })).toBe('内容层级过深，无法保存：此项');
		// A record's key is the user's own text: the record's field is named instead.
		expect(
			message('input_error_reserved_name', { detail: 'cells.0.refusalReasons.__proto__' })
		).toContain('：一次告知原因');
	});

	it('name the fields of a plan conflict', () => {
		expect(
			message('error_plan_conflict', { date: '2026-03-02', fields: 'windows, notes' })
		).toContain('窗口安排和备注 在您编辑期间');
	});

	it('have a label for every field any mutation can refuse', () => {
		const unknown = fieldNames('');
		const missing: string[] = [];
		for (const m of Object.values(mutators)) {
			const schema = z.toJSONSchema(m.args, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
			for (const path of fieldPaths(schema)) {
				if (fieldNames(path) === unknown) missing.push(`${m.name}: ${path}`);
			}
		}
		expect(missing).toEqual([]);
		expect(unknown).toBe('此项');
	});
});
