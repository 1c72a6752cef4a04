/** The process.completed webhook bodies: due once a process ends, in order of completion, each once. */
import type { Ctx } from './context';
import { finalAssets, statusOf, terminalAt } from './process-state';
import type { ProcessCompletedEvent } from './types';

/** Appends the events that have become due to the log. */
export function refreshEvents(ctx: Ctx): void {
	const { state } = ctx;
	const due = [...state.processes.values()]
		.filter((p) => !state.emitted.has(p.id))
		.filter((p) => {
			const at = terminalAt(p);
			return at !== null && ctx.now >= at;
		})
		.sort((a, b) => terminalAt(a)! - terminalAt(b)! || a.index - b.index);
	for (const process of due) {
		state.emitted.add(process.id);
		const status = statusOf(process, ctx.now) as 'done' | 'failed';
		// The docs' example carries only the temp_* links.
		const assets = finalAssets(ctx, process, status).map((a) =>
			ctx.opts.webhookIncludeSrc
				? a
				: {
						asset_id: a.asset_id,
						asset_type: a.asset_type,
						temp_src: a.temp_src,
						temp_thumbnail_src: a.temp_thumbnail_src,
					},
		);
		state.eventLog.push({
			event: 'process.completed',
			process_id: process.id,
			order_id: process.order_id,
			tool: process.tool,
			status,
			final_assets: assets,
		});
	}
}

const copy = (events: ProcessCompletedEvent[]) =>
	events.map((e) => JSON.parse(JSON.stringify(e)) as ProcessCompletedEvent);

export function allEvents(ctx: Ctx): ProcessCompletedEvent[] {
	refreshEvents(ctx);
	return copy(ctx.state.eventLog);
}

export function takeDue(ctx: Ctx): ProcessCompletedEvent[] {
	refreshEvents(ctx);
	const events = copy(ctx.state.eventLog.slice(ctx.state.eventCursor));
	ctx.state.eventCursor = ctx.state.eventLog.length;
	return events;
}
