import type { IDataObject } from 'n8n-workflow';

import type { FinalAsset, Process } from '../schemas';

export interface ResultAsset extends IDataObject {
	asset_id: string;
	asset_type: string | null;
	src: string | null;
	thumbnail: string | null;
}

/** A process as both nodes output it. */
export interface ProcessSummary extends IDataObject {
	process_id: string;
	status: string;
	tool: string | null;
	order_id: string | null;
	/** The group a mask refinement joins (tools that create one, e.g. AI Item Removal); else null. */
	process_group_id?: string | null;
	final_assets: ResultAsset[];
}

/** One result asset as the node outputs it: the permanent URL where there is one, else the temporary one. */
function toResultAsset(asset: FinalAsset): ResultAsset {
	return {
		asset_id: asset.asset_id,
		asset_type: asset.asset_type ?? null,
		src: asset.src || asset.temp_src || null,
		thumbnail: asset.thumbnail_src || asset.temp_thumbnail_src || null,
	};
}

export function summarizeProcess(
	processId: string,
	snapshot: Process,
	known: { tool?: string; order_id?: string; process_group_id?: string } = {},
): ProcessSummary {
	return {
		process_id: processId,
		status: snapshot.status,
		tool: snapshot.tool ?? known.tool ?? null,
		order_id: snapshot.order_id ?? known.order_id ?? null,
		process_group_id: snapshot.process_group_id || known.process_group_id || null,
		final_assets: (snapshot.final_assets ?? []).map(toResultAsset),
	};
}
