/** The file server: input photos and result images (the platform's CDN links). */
import { resultImage, resultThumbnail, type ResultSpec, type Settings } from '../images';
import { text } from './answers';
import type { Ctx, Handler } from './context';
import { statusOf } from './process-state';
import { simTool } from './spec/tools';
import type { SimProcess } from './types';

/** The process's widget choices as bare values per purpose (`item-modern-widget-style-…` → style: modern). */
function settingsOf(process: SimProcess): Settings {
	const widgets = simTool(process.tool)?.widgets ?? [];
	const settings: Settings = {};
	for (const selection of process.widgets) {
		const widget = widgets.find((w) => w.slug === selection.slug);
		if (!widget) continue;
		const suffix = `-${widget.slug}`;
		settings[widget.purpose] = selection.item_slugs.map((item) =>
			item.startsWith('item-') && item.endsWith(suffix)
				? item.slice('item-'.length, -suffix.length)
				: item,
		);
	}
	return settings;
}

/** What the result picture is made from: the photo in the tool's first slot, the mask, the settings. */
function specOf(ctx: Ctx, process: SimProcess, id: string): ResultSpec {
	const tool = simTool(process.tool);
	const assets = ctx.state.orders.get(process.order_id)?.assets ?? [];
	const inSlot = (slot: string | undefined) =>
		slot ? assets.find((a) => a.id === process.asset_map[slot])?.data : undefined;
	return {
		photo: inSlot(tool?.inputs[0]),
		mask: inSlot(tool?.inputs.find((slot) => slot.endsWith('-input-mask'))),
		tool: { slug: process.tool, name: tool?.name ?? process.tool },
		settings: settingsOf(process),
		variant: { index: process.resultIds.indexOf(id), count: process.resultIds.length },
	};
}

function resultFile(ctx: Ctx, process: SimProcess, id: string, thumb: boolean): Buffer {
	const key = `${id}${thumb ? '_thumb' : ''}`;
	let image = ctx.state.imageCache.get(key);
	if (!image) {
		const spec = specOf(ctx, process, id);
		image = thumb ? resultThumbnail(spec) : resultImage(spec, ctx.opts.resultImageBytes, id);
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
				body: resultFile(ctx, owner, result[1], !!result[2]),
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
