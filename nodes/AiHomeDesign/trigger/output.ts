import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { ProcessSummary, ResultAsset } from '../output/summary';
import { TOOL_SLUG } from '../schemas';
import { PROCESS_COMPLETED_EVENT } from '../shared/constants';
import { isAllowedResultLink } from '../transport';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

const idOrNull = (value: string | null) =>
	value && OBJECT_ID.test(value) ? value.toLowerCase() : null;
/**
 * What the API answered, held to the rules a delivery is held to: lower-case 24-hex ids, a tool
 * slug, public https result links (any http(s) link with `localLinks`). A value that breaks them
 * becomes null (not the delivery's).
 */
export function trustedSummary(summary: ProcessSummary, localLinks = false): ProcessSummary {
	const linkOrNull = (value: string | null) =>
		value && isAllowedResultLink(value, localLinks) ? value : null;
	const assets: ResultAsset[] = summary.final_assets.map((asset) => ({
		...asset,
		asset_id: idOrNull(asset.asset_id) ?? asset.asset_id.toLowerCase(),
		src: linkOrNull(asset.src),
		thumbnail: linkOrNull(asset.thumbnail),
	}));
	return {
		...summary,
		process_id: summary.process_id.toLowerCase(),
		order_id: idOrNull(summary.order_id),
		tool: summary.tool && TOOL_SLUG.test(summary.tool) ? summary.tool : null,
		final_assets: assets,
	};
}

export interface Completion {
	/** The same fields the action node outputs for a process (`summarizeProcess`). */
	summary: ProcessSummary;
	/** The fields come from the API (Verify with API), not from the delivery. */
	verified: boolean;
	receivedAt: string;
}

function processFields(completion: Completion): IDataObject {
	const { summary } = completion;
	return {
		event: PROCESS_COMPLETED_EVENT,
		process_id: summary.process_id,
		order_id: summary.order_id,
		tool: summary.tool,
		status: summary.status,
	};
}

/** One item for the delivery, or (`perImage`) one per result image. */
export function completionItems(
	context: IWebhookFunctions,
	completion: Completion,
	perImage: boolean,
): INodeExecutionData[] {
	const tail = { received_at: completion.receivedAt, verified: completion.verified };
	const assets = completion.summary.final_assets;
	if (!perImage) {
		return context.helpers.returnJsonArray({
			...processFields(completion),
			final_assets: assets,
			...tail,
		});
	}
	// A failed process has no image: it still gets one item, so the workflow hears of it.
	const rows: IDataObject[] = assets.length
		? assets.map((asset, index) => ({
				...processFields(completion),
				asset_index: index,
				asset_count: assets.length,
				...asset,
				...tail,
			}))
		: [
				{
					...processFields(completion),
					asset_index: null,
					asset_count: 0,
					asset_id: null,
					asset_type: null,
					src: null,
					thumbnail: null,
					...tail,
				},
			];
	return context.helpers.returnJsonArray(rows);
}
