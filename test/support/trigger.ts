/**
 * This package's trigger in the fake n8n: the webhook context and delivery of
 * n8n-context/webhook.ts with the trigger, its node and the test credential filled in.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesignTrigger } from '../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import { FakeHttp } from './http/fake-http';
import type { LogEntry } from './n8n-context/api-access';
import { createExecuteContext } from './n8n-context/execute';
import { TRIGGER_NODE } from './n8n-context/nodes';
import type { ProcessedDataStore } from './n8n-context/processed-data';
import {
	createWebhookContext,
	deliverToTrigger,
	type DeliveryOutcome,
	type DeliveryRequest,
	type WebhookSetup,
} from './n8n-context/webhook';

export { hookContext } from './n8n-context/hook';
export { PRODUCTION_URL, TRIGGER_NODE } from './n8n-context/nodes';
export { StaticDataStore } from './n8n-context/static-data';
export { ProcessedDataStore } from './n8n-context/processed-data';
export type { DeliveryOutcome, DeliveryRequest, RecordedResponse } from './n8n-context/webhook';

export const PROCESS_ID = '69a6bb11a374700bff4a1333';
export const ORDER_ID = '69a6aa03a374700bff4a1328';
export const ASSET_ID = '69a6cc22a374700bff4a1400';

/** A `process.completed` body as the platform documents it. */
export function completedBody(overrides: IDataObject = {}): IDataObject {
	return {
		event: 'process.completed',
		process_id: PROCESS_ID,
		order_id: ORDER_ID,
		tool: 'tool-virtual-staging',
		status: 'done',
		final_assets: [
			{
				asset_id: ASSET_ID,
				asset_type: 'image',
				temp_src: 'https://cdn.aihomedesign.com/result.jpg',
				temp_thumbnail_src: 'https://cdn.aihomedesign.com/result_thumb.jpg',
			},
		],
		...overrides,
	};
}

/** Everything is optional: the trigger is this package's, the node TRIGGER_NODE. */
export type TriggerSetup = Partial<WebhookSetup>;

// These tests are about the trigger's own checks, so by default broken JSON reaches webhook()
// (n8n itself would answer it with 422 first); a test that models n8n says bodyParsedBy: 'n8n'.
const withTrigger = (setup: TriggerSetup): WebhookSetup => ({
	trigger: new AiHomeDesignTrigger(),
	node: TRIGGER_NODE,
	bodyParsedBy: 'trigger',
	...setup,
});

/** A webhook context for this package's trigger (see createWebhookContext). */
export const webhookContext = (setup: TriggerSetup, request: DeliveryRequest) =>
	createWebhookContext(withTrigger(setup), request);

/** One delivery to this package's trigger, answered as n8n answers it (see deliverToTrigger). */
export const deliver = async (
	setup: TriggerSetup,
	request: DeliveryRequest,
): Promise<DeliveryOutcome> => await deliverToTrigger(withTrigger(setup), request);

export interface ExecutionSetup {
	/** n8n's database: the processed-data table, shared by every process and kept across restarts. */
	processedData: ProcessedDataStore;
	/** The workflow's saved id (a restart does not change it); default 'workflow-1'. */
	workflowId?: string;
	/** Default 'webhook', as for an execution webhook() started. */
	mode?: string;
	params?: IDataObject;
	logs?: LogEntry[];
}

/**
 * The execution a delivery started, as n8n runs it: the trigger's execute() first (its durable
 * duplicate check), on webhook()'s items. Resolves with the trigger's output, or undefined when
 * the delivery started nothing.
 */
export async function runExecution(
	outcome: DeliveryOutcome,
	setup: ExecutionSetup,
): Promise<INodeExecutionData[][] | undefined> {
	const items = outcome.result.workflowData?.[0];
	if (!items) return undefined;
	const { context } = createExecuteContext({
		http: new FakeHttp(),
		node: TRIGGER_NODE,
		items,
		params: setup.params ?? {},
		mode: setup.mode ?? 'webhook',
		workflowId: setup.workflowId,
		processedData: setup.processedData,
		logs: setup.logs,
	});
	return await new AiHomeDesignTrigger().execute.call(context);
}

/** The execution went past the trigger: the workflow ran for this delivery. */
export const ranWorkflow = (output: INodeExecutionData[][] | undefined): boolean =>
	(output?.[0]?.length ?? 0) > 0;
