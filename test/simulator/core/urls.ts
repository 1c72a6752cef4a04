/** The URLs of input photos and result images, sized on request. */
import type { Ctx } from './context';
import type { SimAsset, SimRequest } from './types';

export const inputSrc = (ctx: Pick<Ctx, 'baseUrl'>, asset: Pick<SimAsset, 'id' | 'ext'>) =>
	`${ctx.baseUrl}/files/${asset.id}.${asset.ext}`;

export const resultSrc = (ctx: Pick<Ctx, 'baseUrl'>, id: string, thumb = false) =>
	`${ctx.baseUrl}/files/${id}${thumb ? '_thumb' : ''}.jpg`;

/** GET endpoints take `width`/`height` and hand out resized image URLs (the docs: processes, orders, projects). */
export function sized(url: string, req?: SimRequest): string {
	if (!req || req.method !== 'GET') return url;
	const params = ['width', 'height']
		.filter((k) => req.query[k] !== undefined && req.query[k] !== '')
		.map((k) => `${k}=${encodeURIComponent(req.query[k])}`);
	return params.length ? `${url}?${params.join('&')}` : url;
}
