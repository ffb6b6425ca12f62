/** What a window does, in the user's language: its category, or else its kind (咨询台, 收费窗口…). */
import { m } from '$lib/paraglide/messages';
import type { WindowKind } from '$lib/schemas';

const kindNames: Record<WindowKind, () => string> = {
	comprehensive: m.kind_comprehensive,
	'public-service': m.kind_public_service,
	consultation: m.kind_consultation,
	fee: m.kind_fee,
	certificate: m.kind_certificate
};

export function windowName(w: { kind: WindowKind; category?: string }): string {
	return w.category ?? kindNames[w.kind]();
}
