// Proves the end-to-end harness: a real n8n with the packed package installed, a workflow of n8n's own nodes
// run through a production webhook, and the execution read back through the public API.
import { getPackedTarball, startN8n } from './harness';
import type { N8nInstance, WorkflowJson } from './harness';

const PACKAGE = 'n8n-nodes-aihomedesign';
const WEBHOOK_PATH = 'aihd-e2e-smoke';

const echoWorkflow: WorkflowJson = {
	id: 'aihdE2eSmoke0001',
	name: 'e2e smoke: webhook to set',
	nodes: [
		{
			id: '8d7c1f52-7d1e-4a55-9c43-5b0f3c1a0001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '3a0f1f7e-5c1b-4f3e-9b7a-2d4e6f800001',
			parameters: {
				httpMethod: 'POST',
				path: WEBHOOK_PATH,
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
				options: {},
			},
		},
		{
			id: '8d7c1f52-7d1e-4a55-9c43-5b0f3c1a0002',
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'a1', name: 'echo', type: 'string', value: '={{ $json.body.message }}' },
						{ id: 'a2', name: 'doubled', type: 'number', value: '={{ $json.body.n * 2 }}' },
					],
				},
				options: {},
			},
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
	},
};

describe('e2e harness smoke (real n8n)', () => {
	let n8n: N8nInstance;

	beforeAll(async () => {
		n8n = await startN8n({ tarball: getPackedTarball(), workflows: [echoWorkflow] });
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('publishes the imported workflow before start', () => {
		expect(n8n.published).toEqual([echoWorkflow.id]);
		expect(n8n.activation[echoWorkflow.id as string].status).toBe('published');
	});

	it('runs a webhook workflow and reads the execution back through the public API', async () => {
		const res = await n8n.callWebhook(WEBHOOK_PATH, { body: { message: 'hello', n: 21 } });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ echo: 'hello', doubled: 42 });

		const [execution] = await n8n.waitForExecutions({ workflowId: echoWorkflow.id, count: 1 });
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		const runData = execution.data?.resultData.runData ?? {};
		expect(Object.keys(runData).sort()).toEqual(['Set', 'Webhook']);
		expect(runData.Set[0].data?.main[0]?.[0].json).toEqual({ echo: 'hello', doubled: 42 });

		const again = await n8n.getExecution(execution.id);
		expect(again.id).toBe(execution.id);
		expect(again.workflowId).toBe(echoWorkflow.id);
	});

	it('loads the package from its npm tarball as a community package', async () => {
		expect(n8n.package?.name).toBe(PACKAGE);
		expect(n8n.logs()).not.toContain(`Failed to load package "${PACKAGE}"`);

		const ours = new Set(
			(await n8n.nodeTypes()).map((t) => t.name).filter((name) => name.startsWith(`${PACKAGE}.`)),
		);
		// The action node, its trigger, and the AI-tool variant n8n derives from `usableAsTool`.
		expect([...ours].sort()).toEqual([
			`${PACKAGE}.aiHomeDesign`,
			`${PACKAGE}.aiHomeDesignTool`,
			`${PACKAGE}.aiHomeDesignTrigger`,
		]);

		const credentialTypes = (await n8n.credentialTypes()).map((t) => t.name);
		expect(credentialTypes).toContain('aiHomeDesignApi');
	});

	it('keeps webhooks and executions across a restart', async () => {
		await n8n.restart();
		const res = await n8n.callWebhook(WEBHOOK_PATH, { body: { message: 'again', n: 1 } });
		expect(res.json).toEqual({ echo: 'again', doubled: 2 });
		const executions = await n8n.waitForExecutions({ workflowId: echoWorkflow.id, count: 2 });
		expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
	});

	it('never writes the public API key to its logs', () => {
		expect(n8n.apiKey.length).toBeGreaterThan(20);
		expect(n8n.logs()).not.toContain(n8n.apiKey);
	});
});
