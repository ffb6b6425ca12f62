/**
 * The texts of every message key that checkDayPlan can produce, with {param} placeholders.
 * The UI copies them into the i18n message files; keeping them beside the rules means a new
 * check cannot ship without its wording in both languages.
 */
export const ruleMessageText = {
	rule_r1_too_few: {
		zh: '{category}综合受理窗口开放{open}个，少于规定的{minimum}个',
		en: '{open} {category} comprehensive windows open, fewer than the required {minimum}'
	},
	rule_r2_wrong_staff: {
		zh: '综合受理窗口{window}安排{staffCount}人，应为{required}人',
		en: 'Comprehensive window {window} has {staffCount} staff; it needs exactly {required}'
	},
	rule_r3_too_few: {
		zh: '公共服务窗口{window}安排{staffCount}人，至少应为{minimum}人',
		en: 'Public service window {window} has {staffCount} staff; it needs at least {minimum}'
	},
	rule_r4_missing_consultation: {
		zh: '当天未安排咨询台',
		en: 'No consultation desk is planned for the day'
	},
	rule_r4_missing_fee: {
		zh: '当天未安排收费窗口',
		en: 'No fee window is planned for the day'
	},
	rule_r4_missing_certificate: {
		zh: '当天未安排出证窗口',
		en: 'No certificate window is planned for the day'
	},
	rule_r4_wrong_staff: {
		zh: '窗口{window}安排{staffCount}人，应为{required}人',
		en: 'Window {window} has {staffCount} staff; it needs exactly {required}'
	},
	rule_r5_too_few: {
		zh: '政务服务科在岗{onDuty}人，少于规定的{minimum}人',
		en: '{onDuty} staff of the operations section on duty, fewer than the required {minimum}'
	},
	rule_r5_not_operations_staff: {
		zh: '{staff}不属于政务服务科，不计入本科室值班人数',
		en: '{staff} is not in the operations section and does not count for its duty'
	},
	rule_r6_no_contact: {
		zh: '{department}当天有预约，但未安排预约专人在岗',
		en: '{department} has appointments today but no appointment contact on duty'
	},
	rule_r6_unknown_contact: {
		zh: '{department}的预约专人不在人员名单中',
		en: 'The appointment contact of {department} is not on the staff list'
	},
	rule_r6_contact_not_named: {
		zh: '{department}受理预约，但未指定预约专人',
		en: '{department} takes appointments but has not named an appointment contact'
	},
	rule_r6_contact_absent: {
		zh: '{department}预约专人{staff}缺岗',
		en: 'Appointment contact {staff} of {department} is absent'
	},
	rule_r6_contact_late: {
		zh: '{department}预约专人{staff}迟到{minutes}分钟',
		en: 'Appointment contact {staff} of {department} arrived {minutes} min late'
	},
	rule_r6_contact_missing: {
		zh: '{department}预约专人{staff}应于{start}到岗，尚未签到',
		en: 'Appointment contact {staff} of {department} was due at {start} and has not checked in'
	},
	rule_r7_none_arranged: {
		zh: '当天未安排不动产登记审核人员',
		en: 'No real-estate review staff are arranged for the day'
	},
	rule_r7_not_qualified: {
		zh: '{staff}不具备不动产登记审核资格',
		en: '{staff} is not qualified for real-estate review'
	},
	rule_r7_unknown_arranger: {
		zh: '{staff}的审核安排人不在人员名单中',
		en: 'Whoever arranged {staff} for review is not on the staff list'
	},
	rule_r7_wrong_arranger: {
		zh: '{staff}的审核应由不动产登记中心、房产管理处或税务局负责人安排，而非{arranger}',
		en: 'Review by {staff} must be arranged by the heads of real-estate, housing or tax, not {arranger}'
	},
	rule_r8_not_on_call: {
		zh: '{staff}（{department}）未值班，也未列入随时到岗名单',
		en: '{staff} ({department}) is neither on duty nor on the on-call list'
	},
	attendance_absent: {
		zh: '{staff}缺岗',
		en: '{staff} is absent'
	},
	attendance_late: {
		zh: '{staff}迟到{minutes}分钟',
		en: '{staff} arrived {minutes} min late'
	},
	attendance_missing: {
		zh: '{staff}应于{start}到岗，尚未签到',
		en: '{staff} was due at {start} and has not checked in'
	},
	assignment_double: {
		zh: '{staff}同一时段被安排在{windowA}和{windowB}两个窗口',
		en: '{staff} is assigned to windows {windowA} and {windowB} at the same time'
	},
	assignment_unknown_window: {
		zh: '计划中的窗口{windowId}不存在或已撤销',
		en: 'Planned window {windowId} does not exist or is retired'
	},
	assignment_unknown_staff: {
		zh: '窗口{window}安排的人员{staffId}不在在岗人员名单中',
		en: 'Window {window} lists {staffId}, who is not an active staff member'
	}
} as const satisfies Record<string, { zh: string; en: string }>;

export type RuleMessageKey = keyof typeof ruleMessageText;

export const ruleMessageKeys = Object.keys(ruleMessageText) as RuleMessageKey[];
