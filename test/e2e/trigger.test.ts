// The AI HomeDesign Trigger inside a real n8n (installed from the npm tarball), fed by the simulator's
// webhook sender: the example workflow trigger-record.json (AI HomeDesign Trigger → "Record completion").
// Processes are created on the simulator directly; its sender posts each completion with duplicates and retries.
import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { createOrder, request } from '../simulator/requests';
import { stagingBody } from '../simulator/tools';
import { httpRequest } from '../support/net';
import { sleep } from '../support/sleep';
import {
	FILES,
	getPackedTarball,
	loadWorkflow,
	startN8n,
	triggerWebhookPath,
	WEBHOOK_SECRET_CREDENTIAL,
	webhookSecretCredential,
} from './harness';
import type { N8nInstance } from './harness';

// Made up per run, so that finding it in a log means it leaked.
const SECRET = `e2e-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
const PROCESS_MS = 1500;
/** Extra copies of every delivery: the first one is sent at the same time as the original. */
const DUPLICATES = 2;
const COPIES = [0, 1, 2];
const RECORD = 'Record completion';

// The secret from the trigger's credential; `strict` below keeps the legacy Secret field (same value).
const trigger = loadWorkflow(FILES.triggerRecord, { webhookSecret: WEBHOOK_SECRET_CREDENTIAL });
// The same with Strict Duplicate Check on: the durable check runs under its database lock.
const strict = loadWorkflow(FILES.triggerRecord, {
	id: 'aihdTriggerStrict',
	name: 'AI HomeDesign: record each finished process (strict duplicate check)',
	pathSuffix: '-strict',
	trigger: { secret: SECRET, options: { localResultLinks: true, strictDuplicateCheck: true } },
});

async function waitUntil(what: string, check: () => boolean, timeoutMs = 30000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
		await sleep(100);
	}
}

describe('AI HomeDesign Trigger in a real n8n, fed by the simulator', () => {
	let sim: RunningSimulator;
	let n8n: N8nInstance;
	let triggerPath: string;
	let signedUrl: string;

	/** Creates a virtual-staging process on the simulator; the 2nd one created (index 1) fails. */
	function createProcess(): string {
		const order = createOrder(sim.platform);
		const res = sim.platform.handle(
			request('POST', '/v3/process', { body: stagingBody(order.order_id, order.assets[0].id) }),
		);
		expect(res.status).toBe(201);
		return (res.body as { data: { process_ids: string[] } }).data.process_ids[0];
	}

	const deliveriesOf = (processId: string) =>
		sim.deliveries.filter((d) => d.processId === processId);

	/** Every copy of the process's delivery was finally answered 2xx. */
	const allCopiesAccepted = (processId: string) =>
		COPIES.every((copy) =>
			deliveriesOf(processId).some((d) => d.copy === copy && d.status === 200),
		);

	/**
	 * How many runs each `<process id>:<status>` started, from the executions read back through the API.
	 * A duplicate that reached an execution ends at the trigger (nothing recorded): counted as `ended`.
	 */
	async function runsByCompletion(workflowId = trigger.id): Promise<Map<string, number>> {
		const runs = new Map<string, number>();
		for (const execution of await n8n.listExecutions({ workflowId })) {
			expect(execution.status).toBe('success');
			const item = execution.data?.resultData.runData[RECORD]?.[0]?.data?.main[0]?.[0];
			const key = item ? `${item.json.process_id}:${item.json.status}` : 'ended';
			runs.set(key, (runs.get(key) ?? 0) + 1);
		}
		return runs;
	}

	/** Waits until the deliveries of `ids` are over and their runs are recorded; a little longer for strays. */
	async function settledRuns(ids: string[]): Promise<Map<string, number>> {
		await waitUntil(`every copy of ${ids.join(', ')} was accepted`, () =>
			ids.every(allCopiesAccepted),
		);
		await sim.settled();
		const keys = ids.map((id) => `${id}:${statusOf(id)}`);
		const deadline = Date.now() + 15000;
		let runs = await runsByCompletion();
		while (!keys.every((k) => runs.has(k)) && Date.now() < deadline) {
			await sleep(250);
			runs = await runsByCompletion();
		}
		await sleep(1000); // a duplicate that slipped through would show up by now
		return await runsByCompletion();
	}

	const statusOf = (id: string) => sim.platform.processes().find((p) => p.id === id)?.status;

	beforeAll(async () => {
		sim = await startSimulator({
			platformOptions: {
				processDurationMs: PROCESS_MS,
				outcome: (run) => (run.index === 1 ? 'failed' : 'done'),
			},
			duplicateDeliveries: DUPLICATES,
			// Long enough to outlast an n8n restart (~12 s): 0.5, 1, 2, 4, 4, ... s apart, 10 attempts.
			webhookRetries: { attempts: 10, delaysMs: [500, 1000, 2000, 4000] },
		});
		n8n = await startN8n({
			tarball: getPackedTarball(),
			workflows: [trigger, strict],
			credentials: [webhookSecretCredential(SECRET)],
			publishVia: 'api',
		});
		triggerPath = triggerWebhookPath(trigger);
		signedUrl = `${n8n.webhookUrl(triggerPath)}?secret=${SECRET}`;
	});

	afterAll(async () => {
		await sim?.stop();
		await n8n?.stop();
	});

	const ids: string[] = [];

	it('every completion starts the workflow once, though each is delivered three times', async () => {
		sim.setWebhookUrl(signedUrl);
		ids.push(createProcess(), createProcess(), createProcess());
		const runs = await settledRuns(ids);

		expect(ids.map(statusOf)).toEqual(['done', 'failed', 'done']);
		for (const id of ids) expect(runs.get(`${id}:${statusOf(id)}`)).toBe(1);
		// Copies were caught in n8n's memory before any execution: none ended at the trigger.
		expect([...runs.values()].reduce((a, b) => a + b, 0)).toBe(3);
		// Each copy got a 2xx (duplicates are acknowledged, not refused, so the platform stops sending).
		for (const id of ids) expect(deliveriesOf(id).every((d) => d.status === 200)).toBe(true);

		// What the workflow recorded is what the simulator sent.
		const executions = await n8n.listExecutions({ workflowId: trigger.id });
		for (const id of ids) {
			const simProcess = sim.platform.processes().find((p) => p.id === id)!;
			const recorded = executions
				.map((e) => e.data?.resultData.runData[RECORD]?.[0]?.data?.main[0]?.[0]?.json)
				.find((json) => json?.process_id === id);
			expect(recorded).toMatchObject({
				process_id: id,
				status: simProcess.status,
				tool: 'tool-virtual-staging',
				order_id: simProcess.order_id,
				result_url: simProcess.final_assets[0]?.src ?? '',
			});
		}
	});

	it('a delivery refused for a wrong secret (404, as for an unknown URL) is retried and then starts the workflow once', async () => {
		sim.setWebhookUrl(`${n8n.webhookUrl(triggerPath)}?secret=not-the-secret`);
		const id = createProcess();
		await waitUntil('a delivery was refused with 404', () =>
			deliveriesOf(id).some((d) => d.status === 404),
		);
		sim.setWebhookUrl(signedUrl); // the user fixes the URL in the dashboard
		const runs = await settledRuns([id]);

		expect(runs.get(`${id}:done`)).toBe(1);
		const original = deliveriesOf(id).filter((d) => d.copy === 0);
		expect(original[0].status).toBe(404);
		expect(original[original.length - 1].status).toBe(200);
		ids.push(id);
	});

	it('completions sent while n8n restarts are retried until it is back, and start the workflow once', async () => {
		sim.setWebhookUrl(undefined); // hold the event until n8n is down
		const id = createProcess();
		await waitUntil('the process finished', () => statusOf(id) === 'done');

		const restarted = n8n.restart();
		const downBy = Date.now() + 15000;
		for (;;) {
			const up = (await httpRequest(`${n8n.baseUrl}/healthz`, { timeoutMs: 2000 })).status !== 0;
			if (!up) break;
			if (Date.now() > downBy) throw new Error('n8n did not stop for the restart');
			await sleep(100);
		}
		sim.setWebhookUrl(signedUrl);
		await restarted;
		const runs = await settledRuns([id]);

		expect(runs.get(`${id}:done`)).toBe(1);
		const original = deliveriesOf(id).filter((d) => d.copy === 0);
		expect(original.length).toBeGreaterThan(1);
		expect(original[0].status).not.toBe(200); // connection refused (0), or 404/503 while starting
		expect(original[original.length - 1].status).toBe(200);
		// The completions delivered before the restart did not start it again.
		for (const earlier of ids) expect(runs.get(`${earlier}:${statusOf(earlier)}`)).toBe(1);
		ids.push(id);
	});

	it('unsigned and wrongly signed deliveries get n8n’s unknown-webhook 404, malformed ones 4xx, other events 200; none starts anything', async () => {
		const before = (await n8n.listExecutions({ workflowId: trigger.id })).length;
		// A well-formed completion of a process nobody delivered yet: only the checks can stop it.
		const event = {
			event: 'process.completed',
			process_id: '0123456789abcdef01234567',
			order_id: '0123456789abcdef01234568',
			tool: 'tool-virtual-staging',
			status: 'done',
			final_assets: [
				{
					asset_id: '0123456789abcdef01234569',
					asset_type: 'image',
					temp_src: `${sim.url}/files/0123456789abcdef01234569.jpg`,
				},
			],
		};
		const json = { 'content-type': 'application/json' };
		const signed = `${triggerPath}?secret=${SECRET}`;
		const cases: Array<[string, string, string | Buffer, Record<string, string>, number]> = [
			['no secret', triggerPath, JSON.stringify(event), json, 404],
			['wrong secret', `${triggerPath}?secret=guess`, JSON.stringify(event), json, 404],
			['empty secret', `${triggerPath}?secret=`, JSON.stringify(event), json, 404],
			['invalid JSON', signed, '{"event": "process.completed", ', json, 422],
			// Well-formed deliveries of something else: acknowledged, so the platform stops resending.
			['v1 delivery (no event)', signed, JSON.stringify({ ...event, event: undefined }), json, 200],
			['other event', signed, JSON.stringify({ ...event, event: 'process.started' }), json, 200],
			['bad process id', signed, JSON.stringify({ ...event, process_id: 'abc' }), json, 400],
			['unknown status', signed, JSON.stringify({ ...event, status: 'processing' }), json, 400],
			['empty object', signed, '{}', json, 400],
			['not JSON', signed, 'process done', { 'content-type': 'text/plain' }, 415],
		];
		for (const [what, path, body, headers, expected] of cases) {
			const res = await n8n.callWebhook(path, { body, headers });
			expect({ what, status: res.status }).toEqual({ what, status: expected });
			expect(res.text).not.toContain(SECRET);
			// A stranger learns nothing: the answer n8n gives a URL with no webhook, no word of a secret.
			if (expected === 404) {
				expect(res.text).toMatch(/is not registered/);
				expect(res.text).not.toMatch(/secret/i);
			}
		}
		// Through the simulator's own sender too.
		expect((await sim.deliver(event, n8n.webhookUrl(triggerPath))).status).toBe(404);

		await sleep(1500);
		const after = await n8n.listExecutions({ workflowId: trigger.id });
		expect(after).toHaveLength(before);
		expect(after.every((e) => e.status === 'success')).toBe(true);

		// The same completion, signed, does start it: the refusals above were the checks' doing.
		const accepted = await sim.deliver(event, n8n.webhookUrl(signed));
		expect(accepted.status).toBe(200);
		expect(JSON.parse(accepted.body ?? '')).toEqual({ received: true });
		await n8n.waitForExecutions({ workflowId: trigger.id, count: before + 1 });
	});

	it('never writes the secret to n8n’s logs', () => {
		expect(n8n.logs()).not.toContain(SECRET);
	});

	it('a completion delivered again after a restart still starts the workflow only once (its execution ends at the trigger)', async () => {
		// ids[0] was delivered before the restart (above); n8n's memory of it is gone.
		const first = ids[0];
		const event = sim.platform.completedEvents().find((e) => e.process_id === first)!;
		const before = (await n8n.listExecutions({ workflowId: trigger.id })).length;
		expect((await sim.deliver(event, signedUrl)).status).toBe(200);
		const executions = await n8n.waitForExecutions({ workflowId: trigger.id, count: before + 1 });
		const runs = await runsByCompletion();
		expect(runs.get(`${first}:done`)).toBe(1);
		expect(runs.get('ended')).toBe(1);
		// The duplicate's execution: the trigger output nothing, so nothing after it ran.
		const ended = executions.find((e) => !e.data?.resultData.runData[RECORD]);
		expect(ended?.data?.resultData.runData['AI HomeDesign Trigger']?.[0]?.data?.main[0]).toEqual(
			[],
		);
	});

	it('with Strict Duplicate Check: once across a restart too, and its lock leaves nothing behind', async () => {
		const strictUrl = `${n8n.webhookUrl(triggerWebhookPath(strict))}?secret=${SECRET}`;
		const event = sim.platform.completedEvents().find((e) => e.process_id === ids[0])!;
		expect((await sim.deliver(event, strictUrl)).status).toBe(200);
		await n8n.waitForExecutions({ workflowId: strict.id, count: 1 });
		await n8n.restart();
		// Registered again once a signed, malformed delivery gets the trigger's 400 (not n8n's 404).
		const signedPath = `${triggerWebhookPath(strict)}?secret=${SECRET}`;
		expect((await n8n.callWebhook(signedPath, { body: {}, retry404Ms: 15000 })).status).toBe(400);
		expect((await sim.deliver(event, strictUrl)).status).toBe(200);
		await n8n.waitForExecutions({ workflowId: strict.id, count: 2 });
		// A second completion after it: the lock was released (a leftover would hold it up 30 s).
		const second = sim.platform.completedEvents().find((e) => e.process_id === ids[1])!;
		const t0 = Date.now();
		expect((await sim.deliver(second, strictUrl)).status).toBe(200);
		await n8n.waitForExecutions({ workflowId: strict.id, count: 3 });
		const runs = await runsByCompletion(strict.id);
		expect(Object.fromEntries(runs)).toEqual({
			[`${ids[0]}:done`]: 1,
			[`${ids[1]}:failed`]: 1,
			ended: 1,
		});
		expect(Date.now() - t0).toBeLessThan(10000);
		expect(n8n.logs()).not.toMatch(/Strict Duplicate Check is skipped|duplicate-check lock/);
	});

	it('“Listen for test event”: the /webhook-test/ URL runs the whole workflow for every copy (no duplicate check)', async () => {
		const event = sim.platform.completedEvents().find((e) => e.process_id === ids[0])!;
		const testUrl = `${n8n.webhookTestUrl(triggerPath)}?secret=${SECRET}`;
		const manual = async () =>
			(await n8n.listExecutions({ workflowId: trigger.id })).filter((e) => e.mode === 'manual');
		for (let copy = 1; copy <= 2; copy++) {
			// What the editor's button does: register the test webhook, then wait for one delivery.
			const listening = await n8n.rest<{ data?: { waitingForWebhook?: boolean } }>(
				'POST',
				`/rest/workflows/${trigger.id}/run`,
				{ triggerToStartFrom: { name: 'AI HomeDesign Trigger' } },
			);
			expect(listening.data?.waitingForWebhook).toBe(true);
			const res = await httpRequest(testUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(event),
			});
			expect({ copy, status: res.status }).toEqual({ copy, status: 200 });
			const deadline = Date.now() + 15000;
			while ((await manual()).length < copy && Date.now() < deadline) await sleep(250);
		}
		const runs = await manual();
		expect(runs).toHaveLength(2);
		for (const run of runs) {
			expect(run.status).toBe('success');
			expect(run.data?.resultData.runData[RECORD]?.[0]?.data?.main[0]?.[0]?.json).toMatchObject({
				process_id: ids[0],
				status: 'done',
			});
		}
	});
});
