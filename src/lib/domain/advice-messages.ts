/**
 * Texts of the window advice, {param} placeholders included, for the UI's i18n files.
 * Times are passed as HH:MM and waits as whole minutes, so the params need no translation.
 */
export const adviceMessageText = {
	advice_thin_data: {
		zh: '{category}只有{historyDays}个可比日的数据（少于{minimum}个），按规定最低数开{recommended}个窗口',
		en: 'Only {historyDays} comparable days for {category} (fewer than {minimum}); open the rule minimum of {recommended}'
	},
	advice_no_demand: {
		zh: '{category}预计无人办理，按规定最低数开{recommended}个窗口',
		en: 'No arrivals expected for {category}; open the rule minimum of {recommended}'
	},
	advice_volume: {
		zh: '{category}预计{arrivals}人，需开{needed}个窗口，多于规定最低数{ruleMinimum}个',
		en: '{arrivals} arrivals expected for {category} need {needed} windows, more than the rule minimum of {ruleMinimum}'
	},
	advice_rule_minimum: {
		zh: '{category}预计{arrivals}人，规定最低数{ruleMinimum}个窗口已够用',
		en: '{arrivals} arrivals expected for {category}; the rule minimum of {ruleMinimum} windows is enough'
	},
	advice_open_more: {
		zh: '{from}–{to}开{count}个{category}窗口：预计{arrivals}人，开{count}个平均等候{waitRecommended}分钟，开{planned}个等候{waitPlanned}分钟',
		en: 'Open {count} {category} windows {from}–{to}: {arrivals} arrivals expected, average wait {waitRecommended} min with {count}, {waitPlanned} min with {planned}'
	},
	advice_open_more_overloaded: {
		zh: '{from}–{to}开{count}个{category}窗口：预计{arrivals}人，开{count}个平均等候{waitRecommended}分钟，只开{planned}个排队会越来越长',
		en: 'Open {count} {category} windows {from}–{to}: {arrivals} arrivals expected, average wait {waitRecommended} min with {count}; with {planned} the queue keeps growing'
	},
	advice_can_close: {
		zh: '{from}–{to}{category}开{count}个窗口即可（计划{planned}个）：预计{arrivals}人，平均等候{waitRecommended}分钟',
		en: '{count} {category} windows are enough {from}–{to} ({planned} planned): {arrivals} arrivals expected, average wait {waitRecommended} min'
	},
	advice_keep: {
		zh: '{from}–{to}{category}按计划开{count}个窗口：预计{arrivals}人，平均等候{waitRecommended}分钟',
		en: 'Keep {count} {category} windows {from}–{to} as planned: {arrivals} arrivals expected, average wait {waitRecommended} min'
	},
	advice_thin_sentence: {
		zh: '{from}–{to}{category}按规定最低数开{count}个窗口：可比日数据只有{historyDays}天，暂不按业务量测算',
		en: 'Open the rule minimum of {count} {category} windows {from}–{to}: only {historyDays} comparable days, too few to size by volume'
	}
} as const satisfies Record<string, { zh: string; en: string }>;

export type AdviceMessageKey = keyof typeof adviceMessageText;

export const adviceMessageKeys = Object.keys(adviceMessageText) as AdviceMessageKey[];
