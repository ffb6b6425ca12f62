import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { isTransient } from '$lib/server/db/errors';
import { qrPath, serviceList } from '$lib/server/public/service-list';
import { hallDate } from '$lib/domain/hall-clock';
import type { PageServerLoad } from './$types';

const slug = z.string().regex(/^[a-z0-9-]{2,40}$/);
const lang = z.enum(['zh', 'en']).catch('zh');

export const load: PageServerLoad = async ({ params, url, locals, setHeaders }) => {
	const centre = slug.safeParse(params.centre);
	if (!centre.success) error(404, '找不到该政务服务中心 · No such service centre');
	let list;
	try {
		const { db } = await locals.app();
		list = await serviceList(db, centre.data, hallDate(Date.now()));
	} catch (e) {
		if (isTransient(e)) error(503, '服务暂时不可用，请稍后重试');
		throw e;
	}
	if (!list) error(404, '找不到该政务服务中心 · No such service centre');
	const language = lang.parse(url.searchParams.get('lang') ?? undefined);
	// The QR code leads to this very page, in the language it was printed in.
	const self = new URL(`/public/${centre.data}`, url.origin);
	if (language === 'en') self.searchParams.set('lang', 'en');
	// Public and the same for everyone: a proxy or the phone may keep it for five minutes.
	setHeaders({ 'cache-control': 'public, max-age=300' });
	return { list, lang: language, url: self.href, qr: qrPath(self.href) };
};
