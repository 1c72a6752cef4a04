/** Inspection views for tests: the records as they stand now, copied, with what time has made of them. */
import type { Ctx } from './context';
import { finalAssets, statusOf, terminalAt } from './process-state';
import type { SimOrderView, SimProcessView, SimProjectView } from './types';
import { inputSrc } from './urls';

export function processViews(ctx: Ctx): SimProcessView[] {
	return [...ctx.state.processes.values()].map((p) => {
		const status = statusOf(p, ctx.now);
		return {
			id: p.id,
			index: p.index,
			tool: p.tool,
			order_id: p.order_id,
			asset_map: { ...p.asset_map },
			widgets: structuredClone(p.widgets),
			...(p.process_group_id ? { process_group_id: p.process_group_id } : {}),
			createdAt: p.createdAt,
			durationMs: p.durationMs,
			outcome: p.outcome,
			pollTimes: [...p.pollTimes],
			acceptedPollTimes: [...p.acceptedPollTimes],
			status,
			terminalAt: terminalAt(p),
			final_assets: finalAssets(ctx, p, status),
		};
	});
}

export function orderViews(ctx: Ctx): SimOrderView[] {
	return [...ctx.state.orders.values()].map((o) => ({
		id: o.id,
		project_id: o.project_id,
		createdAt: o.createdAt,
		assets: o.assets.map(({ data, ext, ...a }) => ({
			...a,
			src: inputSrc(ctx, { id: a.id, ext }),
			size: data.length,
		})),
		process_ids: [...o.process_ids],
	}));
}

export function projectViews(ctx: Ctx): SimProjectView[] {
	const orders = [...ctx.state.orders.values()];
	return [...ctx.state.projects.values()].map((p) => ({
		id: p.id,
		address: p.address,
		default: p.default,
		createdAt: p.createdAt,
		updatedAt: p.updatedAt,
		order_ids: orders.filter((o) => o.project_id === p.id).map((o) => o.id),
	}));
}
