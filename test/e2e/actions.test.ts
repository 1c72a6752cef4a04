// The AI HomeDesign action node inside a real n8n (installed from the npm tarball), against the simulator:
// the step-by-step workflow (Manual Trigger → upload → Process Create (wait) → check), run with `n8n execute`;
// the webhook workflow (a posted photo → Run Tool on Image → check), answering with the staged photo;
// and a wrong API key, read back through n8n's public API.
import type { INodeExecutionData } from 'n8n-workflow';

import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { httpRequest } from '../support/net';
import {
	FILES,
	getPackedTarball,
	loadWorkflow,
	simulatorCredential,
	startN8n,
	webhookNodePath,
} from './harness';
import type { Execution, N8nInstance } from './harness';

const PROCESS_MS = 6000;
const POLL_FLOOR_MS = 5000;

const createAndWait = loadWorkflow(FILES.createAndWait);
const stagingWebhook = loadWorkflow(FILES.stagingWebhook);
const REJECTED_CREDENTIAL = { id: 'aihdRejectedKey1', name: 'AI HomeDesign (rejected key)' };
const badKeyWebhook = loadWorkflow(FILES.stagingWebhook, {
	id: 'aihdPhotoBadKey1',
	name: 'staging webhook with a rejected key',
	pathSuffix: '-rejected-key',
	credential: REJECTED_CREDENTIAL,
});
// Made up per run: a key n8n has no reason to know, so finding it anywhere means it leaked.
const rejectedKey = `rejected-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
const VALID_KEY = 'test-api-key';

/** The sample photo the example workflows carry (the "Sample photo" Set node, base64). */
function samplePhoto(): Buffer {
	const set = createAndWait.nodes.find((n) => n.name === 'Sample photo')!;
	const assignments = (set.parameters.assignments as { assignments: Array<{ value: string }> })
		.assignments;
	return Buffer.from(assignments[0].value, 'base64');
}

function output(execution: Execution, node: string): INodeExecutionData | undefined {
	return execution.data?.resultData.runData[node]?.[0]?.data?.main[0]?.[0];
}

async function postPhoto(n8n: N8nInstance, path: string, photo: Buffer) {
	const res = await httpRequest(n8n.webhookUrl(path), {
		headers: { 'content-type': 'image/jpeg' },
		body: photo,
		timeoutMs: 120000,
	});
	return { status: res.status, contentType: res.headers['content-type'] ?? '', body: res.raw };
}

describe('AI HomeDesign node in a real n8n, against the simulator', () => {
	let sim: RunningSimulator;
	let n8n: N8nInstance;
	let cliRun: Promise<string>;
	const photo = samplePhoto();

	beforeAll(async () => {
		sim = await startSimulator({ platformOptions: { processDurationMs: PROCESS_MS } });
		n8n = await startN8n({
			tarball: getPackedTarball(),
			workflows: [createAndWait, stagingWebhook, badKeyWebhook],
			credentials: [
				simulatorCredential(sim.apiBaseUrl, { apiKey: VALID_KEY }),
				simulatorCredential(sim.apiBaseUrl, { ...REJECTED_CREDENTIAL, apiKey: rejectedKey }),
			],
			publishVia: 'api',
		});
		// The step-by-step workflow runs in its own `n8n execute` process while the webhook test (first) goes on.
		cliRun = n8n.runCli(['execute', `--id=${createAndWait.id}`, '--rawOutput'], {
			allowFailure: true,
		});
		cliRun.catch(() => undefined);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	it('Webhook with a photo → Run Tool on Image → answers with the staged photo as binary', async () => {
		const path = webhookNodePath(stagingWebhook);
		// Two at once: they are polled side by side, each within the 5-s rule.
		const answers = await Promise.all([postPhoto(n8n, path, photo), postPhoto(n8n, path, photo)]);

		const executions = await n8n.waitForExecutions({
			workflowId: stagingWebhook.id,
			count: 2,
			timeoutMs: 30000,
		});
		expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
		const assetIds = new Set<string>();
		for (const execution of executions) {
			const item = output(execution, 'Check: staged image present')!;
			expect(item.json.status).toBe('done');
			expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg' });
			const simProcess = sim.platform.processes().find((p) => p.id === item.json.process_id);
			expect(simProcess?.status).toBe('done');
			assetIds.add(simProcess!.final_assets[0].asset_id);
			// The uploaded input is the posted photo.
			const order = sim.platform.orders().find((o) => o.id === simProcess!.order_id);
			expect(order?.assets.map((a) => a.size)).toEqual([photo.length]);
		}
		expect(assetIds.size).toBe(2);

		// Each answer is one of the two staged images, byte for byte as the simulator serves it.
		const served = new Map<string, Buffer>();
		for (const id of assetIds) {
			served.set(id, (await httpRequest(`${sim.url}/files/${id}.jpg`)).raw);
		}
		const matched = answers.map((answer) => {
			expect(answer.status).toBe(200);
			expect(answer.contentType).toMatch(/^image\/jpeg/);
			return [...served].find(([, bytes]) => bytes.equals(answer.body))?.[0];
		});
		expect(new Set(matched)).toEqual(assetIds);
	});

	it('Manual Trigger → Order Create → Process Create (wait) → check: ends with the simulator’s result', async () => {
		await cliRun;
		// `n8n execute` may crash on exit after a good run: the execution record is what counts.
		const [execution] = await n8n.waitForExecutions({
			workflowId: createAndWait.id,
			count: 1,
			timeoutMs: 30000,
		});
		expect(execution.mode).toBe('cli');
		expect(execution.data?.resultData.error).toBeUndefined();
		expect(execution.status).toBe('success');
		expect(execution.data?.resultData.lastNodeExecuted).toBe('Check result');

		const upload = output(execution, 'Upload photo')!.json as {
			order_id: string;
			assets: Array<{ id: string }>;
		};
		const order = sim.platform.orders().find((o) => o.id === upload.order_id);
		expect(order?.assets).toEqual([
			expect.objectContaining({
				id: upload.assets[0].id,
				role: 'primary_angle',
				filename: 'living-room.jpg',
				size: photo.length,
			}),
		]);

		const staged = output(execution, 'Stage and wait')!;
		const processId = staged.json.process_id as string;
		const simProcess = sim.platform.processes().find((p) => p.id === processId);
		expect(simProcess).toMatchObject({
			status: 'done',
			order_id: upload.order_id,
			tool: 'tool-virtual-staging',
		});
		expect(staged.json).toMatchObject({
			status: 'done',
			order_id: upload.order_id,
			tool: 'tool-virtual-staging',
			final_assets: [
				expect.objectContaining({
					asset_id: simProcess!.final_assets[0].asset_id,
					src: simProcess!.final_assets[0].src,
				}),
			],
		});
		expect(staged.binary?.staged).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: `virtual-staging-${processId}-1.jpg`,
		});
		// The wait was real: the process takes PROCESS_MS and is checked at most every 5 s.
		const stageRun = execution.data!.resultData.runData['Stage and wait'][0];
		expect(stageRun.executionTime).toBeGreaterThanOrEqual(PROCESS_MS);
		// The check passed: its "true" output holds the item, "false" (→ Stop and Error) is empty.
		const check = execution.data!.resultData.runData['Check result'][0].data!.main;
		expect(check[0]).toHaveLength(1);
		expect(check[1] ?? []).toHaveLength(0);
	});

	it('creates each process once and keeps to the 5-second poll rule', async () => {
		await cliRun;
		const successful = [
			...(await n8n.listExecutions({ workflowId: createAndWait.id })),
			...(await n8n.listExecutions({ workflowId: stagingWebhook.id })),
		].filter((e) => e.status === 'success');
		const fromN8n = successful
			.map(
				(e) =>
					(output(e, 'Stage and wait') ?? output(e, 'Stage the photo'))!.json.process_id as string,
			)
			.sort();
		const processes = sim.platform.processes();
		expect(fromN8n).toHaveLength(3);
		expect(processes.map((p) => p.id).sort()).toEqual(fromN8n);

		const calls = sim.platform.calls;
		expect(calls.filter((c) => c.method === 'POST' && c.path === '/v3/process')).toHaveLength(3);
		// On a 429, show each process's polls as ms after its creation (accepted ones marked ✓).
		const polls = processes.map((p) => ({
			process: p.id,
			polls: p.pollTimes.map(
				(t) => `${t - p.createdAt}${p.acceptedPollTimes.includes(t) ? '✓' : '✗'}`,
			),
		}));
		expect({ refused: calls.filter((c) => c.status === 429), polls }).toEqual({
			refused: [],
			polls,
		});
		for (const p of processes) {
			expect(p.pollTimes).toEqual(p.acceptedPollTimes);
			expect(p.pollTimes[0] - p.createdAt).toBeGreaterThanOrEqual(POLL_FLOOR_MS);
			for (let i = 1; i < p.pollTimes.length; i++)
				expect(p.pollTimes[i] - p.pollTimes[i - 1]).toBeGreaterThanOrEqual(POLL_FLOOR_MS);
		}
	});

	it('a rejected API key fails the execution with a message that says so', async () => {
		const ordersBefore = sim.platform.orders().length;
		const res = await n8n.callWebhook(webhookNodePath(badKeyWebhook), {
			body: photo,
			headers: { 'content-type': 'image/jpeg' },
		});
		expect(res.status).toBeGreaterThanOrEqual(400);

		const [listed] = await n8n.waitForExecutions({ workflowId: badKeyWebhook.id, count: 1 });
		const execution = await n8n.getExecution(listed.id);
		expect(execution.status).toBe('error');
		const error = execution.data?.resultData.error as
			| { message?: string; description?: string; node?: { name?: string } }
			| undefined;
		expect(error?.message).toBe('The AI HomeDesign API key was rejected (401)');
		expect(error?.description).toMatch(/paste the key again/);
		expect(error?.node?.name).toBe('Stage the photo');
		expect(execution.data?.resultData.lastNodeExecuted).toBe('Stage the photo');

		// Refused at the first call, the upload; nothing was created and nothing was retried.
		expect(sim.platform.orders()).toHaveLength(ordersBefore);
		const refused = sim.platform.calls.filter((c) => c.status === 401);
		expect(refused).toEqual([expect.objectContaining({ method: 'POST', path: '/v3/order' })]);
	});

	it('never writes an API key to n8n’s logs or to execution data', async () => {
		const executions = await n8n.listExecutions({ includeData: true });
		expect(executions.length).toBeGreaterThanOrEqual(4);
		const data = JSON.stringify(executions);
		const logs = n8n.logs();
		for (const key of [rejectedKey, VALID_KEY]) {
			expect(logs).not.toContain(key);
			expect(data).not.toContain(key);
		}
	});
});
