import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { ProcessSummary } from '../output/summary';
import { PROCESS_COMPLETED_EVENT } from '../shared/constants';

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
