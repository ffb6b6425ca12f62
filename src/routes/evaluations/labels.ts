/** Words for a rating and a channel, in the user's language. */
import { m } from '$lib/paraglide/messages';
import type { EvaluationChannel, EvaluationRating } from '$lib/schemas';

export const ratingText: Record<EvaluationRating, () => string> = {
	'very-satisfied': m.evaluations_rating_very_satisfied,
	satisfied: m.evaluations_rating_satisfied,
	basic: m.evaluations_rating_basic,
	dissatisfied: m.evaluations_rating_dissatisfied,
	'very-dissatisfied': m.evaluations_rating_very_dissatisfied
};

export const channelText: Record<EvaluationChannel, () => string> = {
	device: m.evaluations_channel_device,
	'qr-code': m.evaluations_channel_qr_code,
	sms: m.evaluations_channel_sms,
	website: m.evaluations_channel_website,
	phone: m.evaluations_channel_phone
};
