/**
 * The checks on a POST /v3/process body, written from the docs: its shape (400), then whether the asset
 * map, the widgets and the group fit the tool and the order (422). `widgets` is optional ("depends on
 * tool"; the docs' own mask example sends none), so an omitted key and `[]` are the same.
 */
import { isObjectId } from '../../support/ids';
import { badRequest, unprocessable } from './answers';
import type { Ctx } from './context';
import { widgetAcceptsItem, type SimTool } from './spec/tools';
import type { SimOrder, SimResponse } from './types';

export interface ProcessRequest {
	order_id: string;
	tool: string;
	asset_map: Record<string, string>;
	widgets: Array<{ slug: string; item_slugs: string[] }>;
	process_group_id?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	!!v && typeof v === 'object' && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] =>
	Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');

/** The body's shape, or a 400 naming the first field that is wrong. */
export function parseProcessRequest(raw: unknown): ProcessRequest | SimResponse {
	if (!isRecord(raw)) return badRequest('Request body must be a JSON object');
	const { order_id, tool, asset_map, widgets, process_group_id } = raw;
	if (typeof order_id !== 'string' || !isObjectId(order_id))
		return badRequest('order_id: must be a 24-character hexadecimal ID');
	if (typeof tool !== 'string' || !tool) return badRequest('tool: is required');
	if (!isRecord(asset_map)) return badRequest('asset_map: must be an object');
	for (const [slot, id] of Object.entries(asset_map)) {
		if (typeof id !== 'string' || !isObjectId(id))
			return badRequest(`asset_map.${slot}: must be a 24-character hexadecimal ID`);
	}
	if (widgets !== undefined) {
		if (!Array.isArray(widgets)) return badRequest('widgets: must be a list');
		for (const [i, w] of widgets.entries()) {
			if (!isRecord(w) || typeof w.slug !== 'string' || !w.slug || !isStringArray(w.item_slugs))
				return badRequest(`widgets.${i}: must be { slug, item_slugs: [] }`);
		}
	}
	if (
		process_group_id !== undefined &&
		(typeof process_group_id !== 'string' || !isObjectId(process_group_id))
	)
		return badRequest('process_group_id: must be a 24-character hexadecimal ID');
	return {
		order_id,
		tool,
		asset_map: asset_map as Record<string, string>,
		widgets: ((widgets ?? []) as ProcessRequest['widgets']).map((w) => ({
			slug: w.slug,
			item_slugs: [...w.item_slugs],
		})),
		...(process_group_id !== undefined ? { process_group_id } : {}),
	};
}

function checkAssetMap(tool: SimTool, order: SimOrder, map: Record<string, string>) {
	for (const [slot, assetId] of Object.entries(map)) {
		if (!tool.inputs.includes(slot)) {
			return unprocessable(
				`asset_map slot "${slot}" does not belong to ${tool.slug}; expected ${tool.inputs.join(', ')}`,
			);
		}
		if (!order.assets.some((a) => a.id === assetId))
			return unprocessable(
				`asset_map.${slot}: asset ${assetId} does not belong to order ${order.id}`,
			);
	}
	const missing = tool.inputs.filter((slot) => !(slot in map));
	return missing.length ? unprocessable(`asset_map is missing ${missing.join(', ')}`) : undefined;
}

function checkWidgets(tool: SimTool, widgets: ProcessRequest['widgets']) {
	const seen = new Set<string>();
	for (const selection of widgets) {
		const widget = tool.widgets.find((w) => w.slug === selection.slug);
		if (!widget) return unprocessable(`Widget "${selection.slug}" does not belong to ${tool.slug}`);
		if (seen.has(widget.slug)) return unprocessable(`Widget "${widget.slug}" is given twice`);
		seen.add(widget.slug);
		const bad = selection.item_slugs.find((item) => !widgetAcceptsItem(widget, item));
		if (bad) return unprocessable(`Item "${bad}" does not belong to widget ${widget.slug}`);
		if (widget.select === 'single' && selection.item_slugs.length > 1)
			return unprocessable(
				`Widget ${widget.slug} takes one item; got ${selection.item_slugs.length}`,
			);
		if (widget.required && selection.item_slugs.length === 0)
			return unprocessable(`Widget ${widget.slug} needs an item`);
	}
	const absent = tool.widgets.filter((w) => w.required && !seen.has(w.slug));
	return absent.length
		? unprocessable(`Required widget missing: ${absent.map((w) => w.slug).join(', ')}`)
		: undefined;
}

/**
 * A group id comes from an earlier POST /process answer (the docs: "link this process to a preceding
 * auto-detect process"); a process id is not one, so it is refused like any unknown group.
 */
function checkGroup(ctx: Ctx, order: SimOrder, groupId: string | undefined) {
	if (!groupId) return undefined;
	const group = ctx.state.groups.get(groupId);
	return group && group.order_id === order.id
		? undefined
		: unprocessable(`process_group_id ${groupId} is not a process group of order ${order.id}`);
}

/** A 422 when the request does not fit the tool and the order, else undefined. */
export function checkFit(ctx: Ctx, tool: SimTool, order: SimOrder, body: ProcessRequest) {
	return (
		checkAssetMap(tool, order, body.asset_map) ??
		checkWidgets(tool, body.widgets) ??
		checkGroup(ctx, order, body.process_group_id)
	);
}
