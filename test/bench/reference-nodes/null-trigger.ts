/* eslint-disable @n8n/community-nodes/webhook-lifecycle-complete, @n8n/community-nodes/node-connection-type-literal -- a benchmark stand-in, never shipped: it registers nothing anywhere, and the literal 'main' keeps n8n-workflow out of the compiled file */
/**
 * The reference trigger of the ingestion benchmark (never part of the package): a community webhook node
 * that does no work at all, the body becomes the one item. A gap between it and n8n's built-in Webhook
 * node is what n8n costs any webhook node that is not its own; a gap between it and the AI HomeDesign
 * Trigger is the trigger's own. compile.ts turns it into the BenchNullTrigger.node.js n8n loads (type CUSTOM.benchNullTrigger).
 * Only types are imported: the compiled file needs nothing at run time, wherever it is put.
 */
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

export class BenchNullTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Null Trigger',
		name: 'benchNullTrigger',
		group: ['trigger'],
		version: 1,
		description:
			'Benchmark reference: starts the workflow with the request body, does nothing else',
		defaults: { name: 'Bench Null Trigger' },
		inputs: [],
		outputs: ['main'],
		// No responseData: n8n answers with its default and evaluates no expression for it.
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'null' }],
		properties: [],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return { workflowData: [[{ json: this.getBodyData() }]] };
	}
}
