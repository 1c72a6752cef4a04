/**
 * What the benchmarks send and run: process.completed bodies, orders and processes made directly on the
 * simulator, and the workflows imported into the benchmarks' n8n.
 */
import type { CredentialJson, WorkflowJson, WorkflowNodeJson } from '../e2e/harness';
import type { Platform } from '../simulator/platform';
import { createOrder, dataOf, request } from '../simulator/requests';
import { stagingBody } from '../simulator/tools';
import { TEST_API_KEY } from '../support/credentials';
import { objectIds } from '../support/ids';

const nextId = objectIds({ seed: 0xbe7c4 });

/** A ~400-byte completion with new ids each time; every fifth one failed (no assets). */
export function completionBody(i: number) {
	const assetId = nextId();
	const failed = i % 5 === 4;
	return {
		event: 'process.completed',
		process_id: nextId(),
		order_id: nextId(),
		tool: 'tool-virtual-staging',
		status: failed ? 'failed' : 'done',
		final_assets: failed
			? []
			: [
					{
						asset_id: assetId,
						asset_type: 'image',
						temp_src: `https://cdn.aihomedesign.com/${assetId}.jpg`,
						temp_thumbnail_src: `https://cdn.aihomedesign.com/${assetId}_thumb.jpg`,
					},
				],
	};
}

/** An order with one photo, made on the simulator (not through the node). */
export function makeOrder(platform: Platform): { orderId: string; assetId: string } {
	const order = createOrder(platform);
	return { orderId: order.order_id, assetId: order.assets[0].id };
}

/** A virtual-staging process on a new order; returns its id. */
export function makeProcess(platform: Platform): string {
	const { orderId, assetId } = makeOrder(platform);
	const res = platform.handle(
		request('POST', '/v3/process', { body: stagingBody(orderId, assetId) }),
	);
	if (res.status !== 201) throw new Error(`process: ${res.status} ${JSON.stringify(res.body)}`);
	return dataOf<{ process_ids: string[] }>(res).process_ids[0];
}

// ------------------------------------------------------------------ workflows for the n8n benchmarks

const done = (id: string): WorkflowNodeJson => ({
	id,
	name: 'Done',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [220, 0],
	parameters: {},
});

/** A first node followed by a NoOp: what n8n runs per delivery in the ingestion benchmark. */
function triggerThenNoOp(id: string, name: string, first: WorkflowNodeJson): WorkflowJson {
	return {
		id,
		name,
		nodes: [first, done(`${first.id}-done`)],
		connections: { [first.name]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The AI HomeDesign Trigger as published by default: no secret, no filters, no Verify with API. */
export const TRIGGER_WORKFLOW = triggerThenNoOp(
	'aihdBenchTrig001',
	'bench: AI HomeDesign Trigger',
	{
		id: 'b1000000-0000-4000-8000-000000000001',
		name: 'AI HomeDesign Trigger',
		type: 'n8n-nodes-aihomedesign.aiHomeDesignTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'b1000000-0000-4000-8000-0000000000a1',
		parameters: {
			secret: '',
			statusFilter: 'both',
			toolFilter: 'any',
			verifyWithApi: false,
			// The simulator's result links are http on 127.0.0.1 (the bench's deliveries carry them).
			options: { localResultLinks: true },
		},
	},
);
export const TRIGGER_PATH = `${TRIGGER_WORKFLOW.nodes[0].webhookId}/aihomedesign`;

export const BUILTIN_PATH = 'bench-builtin';
export const BUILTIN_WORKFLOW = triggerThenNoOp('aihdBenchHook001', "bench: n8n's Webhook", {
	id: 'b2000000-0000-4000-8000-000000000001',
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: 'b2000000-0000-4000-8000-0000000000a1',
	parameters: { httpMethod: 'POST', path: BUILTIN_PATH, responseMode: 'onReceived', options: {} },
});

/** The do-nothing community trigger of reference-nodes/, loaded as CUSTOM.<name>. */
export const NULL_WORKFLOW = triggerThenNoOp('aihdBenchNull001', 'bench: null trigger', {
	id: 'b4000000-0000-4000-8000-000000000001',
	name: 'Null trigger',
	type: 'CUSTOM.benchNullTrigger',
	typeVersion: 1,
	position: [0, 0],
	webhookId: 'b4000000-0000-4000-8000-0000000000a1',
	parameters: {},
});
export const NULL_PATH = `${NULL_WORKFLOW.nodes[0].webhookId}/null`;

export const BENCH_CREDENTIAL = { id: 'aihdBenchCred001', name: 'AI HomeDesign (bench simulator)' };

export function benchCredential(apiBaseUrl: string): CredentialJson {
	return {
		...BENCH_CREDENTIAL,
		type: 'aiHomeDesignApi',
		data: { apiKey: TEST_API_KEY, baseUrl: apiBaseUrl },
	};
}

export const DOWNLOADS_PATH = 'bench-downloads';
/** Webhook with process ids → one item each → Process → Get with Download Full Size → totals. */
export const DOWNLOADS_WORKFLOW: WorkflowJson = {
	id: 'aihdBenchDown001',
	name: 'bench: download 50 results',
	nodes: [
		{
			id: 'b3000000-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b3000000-0000-4000-8000-0000000000a1',
			parameters: {
				httpMethod: 'POST',
				path: DOWNLOADS_PATH,
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
				options: {},
			},
		},
		{
			id: 'b3000000-0000-4000-8000-000000000002',
			name: 'One item per process',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.ids', options: { destinationFieldName: 'processId' } },
		},
		{
			id: 'b3000000-0000-4000-8000-000000000003',
			name: 'Get result',
			type: 'n8n-nodes-aihomedesign.aiHomeDesign',
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'process',
				operation: 'get',
				processId: '={{ $json.processId }}',
				resultFiles: 'full',
				binaryPropertyName: 'data',
			},
			credentials: { aiHomeDesignApi: BENCH_CREDENTIAL },
		},
		{
			id: 'b3000000-0000-4000-8000-000000000004',
			name: 'Sizes',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [660, 0],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 's1', name: 'items', type: 'number', value: '={{ $input.all().length }}' },
						{
							id: 's2',
							name: 'bytes',
							type: 'number',
							value:
								'={{ $input.all().reduce((s, i) => s + Number(i.binary?.data?.bytes ?? 0), 0) }}',
						},
						{
							id: 's3',
							name: 'first',
							type: 'string',
							value: '={{ $input.first().binary?.data?.fileSize ?? "" }}',
						},
					],
				},
				options: {},
			},
			executeOnce: true,
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'One item per process', type: 'main', index: 0 }]] },
		'One item per process': { main: [[{ node: 'Get result', type: 'main', index: 0 }]] },
		'Get result': { main: [[{ node: 'Sizes', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

export const ALL_WORKFLOWS = [
	TRIGGER_WORKFLOW,
	BUILTIN_WORKFLOW,
	NULL_WORKFLOW,
	DOWNLOADS_WORKFLOW,
];
