/** The file server: input photos and result images (the platform's CDN links). */
import { makeJpeg } from '../jpeg';
import { text } from './answers';
import type { Ctx, Handler } from './context';
import { statusOf } from './process-state';

function resultImage(ctx: Ctx, id: string, thumb: boolean): Buffer {
	const key = `${id}${thumb ? '_thumb' : ''}`;
	let image = ctx.state.imageCache.get(key);
	if (!image) {
		const level = 40 + (parseInt(id.slice(-4), 16) % 176);
		image = thumb
			? makeJpeg({ width: 16, height: 16, level, label: `aihomedesign-sim thumbnail ${id}` })
			: makeJpeg({
					width: 64,
					height: 48,
					level,
					label: `aihomedesign-sim result ${id}`,
					bytes: ctx.opts.resultImageBytes ?? 2048,
				});
		ctx.state.imageCache.set(key, image);
	}
	return image;
}

/** GET/HEAD /files/:name, no key needed (like the platform's CDN links). */
export const getFile: Handler = (ctx, _req, { name }) => {
	const result = /^([a-f0-9]{24})(_thumb)?\.jpg$/.exec(name);
	if (result) {
		const owner = ctx.state.resultOwner.get(result[1]);
		if (owner && statusOf(owner, ctx.now) === 'done') {
			return {
				status: 200,
				headers: { 'content-type': 'image/jpeg' },
				body: resultImage(ctx, result[1], !!result[2]),
			};
		}
	}
	const input = /^([a-f0-9]{24})\.([a-z0-9]+)$/.exec(name);
	if (input) {
		const asset = ctx.state.assetOwner.get(input[1])?.assets.find((a) => a.id === input[1]);
		if (asset && asset.ext === input[2]) {
			return { status: 200, headers: { 'content-type': asset.contentType }, body: asset.data };
		}
	}
	return text(404, 'Not Found');
};
