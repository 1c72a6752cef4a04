/** A process as time moves: its status, when it ends, its result assets and its answer body. */
import type { Ctx } from './context';
import { resultSrc, sized } from './urls';
import type { ApiFinalAsset, ProcessStatus, SimProcess, SimRequest } from './types';

export function statusOf(process: SimProcess, now: number): ProcessStatus {
	const elapsed = now - process.createdAt;
	if (elapsed < process.durationMs * 0.2) return 'pending';
	if (process.outcome === 'never' || elapsed < process.durationMs) return 'processing';
	return process.outcome;
}

export function terminalAt(process: SimProcess): number | null {
	return process.outcome === 'never' ? null : process.createdAt + process.durationMs;
}

/** Results only once done; `src` and `temp_src` both set (the docs: prefer src, fall back to temp_src). */
export function finalAssets(
	ctx: Pick<Ctx, 'baseUrl'>,
	process: SimProcess,
	status: ProcessStatus,
	req?: SimRequest,
): ApiFinalAsset[] {
	if (status !== 'done') return [];
	return process.resultIds.map((id) => {
		const src = sized(resultSrc(ctx, id), req);
		const thumb = sized(resultSrc(ctx, id, true), req);
		return {
			asset_id: id,
			asset_type: 'image',
			src,
			temp_src: src,
			thumbnail_src: thumb,
			temp_thumbnail_src: thumb,
		};
	});
}

/** The GET /v3/process/:id body (also inside GET /v3/order/:id). */
export function processBody(ctx: Ctx, process: SimProcess, req: SimRequest) {
	const status = statusOf(process, ctx.now);
	return {
		id: process.id,
		status,
		tool: process.tool,
		order_id: process.order_id,
		final_assets: finalAssets(ctx, process, status, req),
		created_at: new Date(process.createdAt).toISOString(),
		...(process.process_group_id ? { process_group_id: process.process_group_id } : {}),
	};
}
