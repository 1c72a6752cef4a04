// The AI HomeDesign Trigger inside a real n8n (installed from the npm tarball), fed by the simulator's
// webhook sender: the example workflow trigger-record.json (AI HomeDesign Trigger → "Record completion").
// Processes are created on the simulator directly; its sender posts each completion with duplicates and retries.
import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { createOrder, request } from '../simulator/requests';
import { stagingBody } from '../simulator/tools';
import { httpRequest } from '../support/net';
import { sleep } from '../support/sleep';
import { FILES, getPackedTarball, loadWorkflow, startN8n, triggerWebhookPath } from './harness';
import type { N8nInstance } from './harness';

// Made up per run, so that finding it in a log means it leaked.
const SECRET = `e2e-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
const PROCESS_MS = 1500;
/** Extra copies of every delivery: the first one is sent at the same time as the original. */
const DUPLICATES = 2;
const COPIES = [0, 1, 2];
const RECORD = 'Record completion';

const trigger = loadWorkflow(FILES.triggerRecord, { trigger: { secret: SECRET } });

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

	/** How many runs each `<process id>:<status>` started, from the executions read back through the API. */
	async function runsByCompletion(): Promise<Map<string, number>> {
		const runs = new Map<string, number>();
		for (const execution of await n8n.listExecutions({ workflowId: trigger.id })) {
			expect(execution.status).toBe('success');
			const item = execution.data?.resultData.runData[RECORD]?.[0]?.data?.main[0]?.[0];
			const key = `${item?.json.process_id}:${item?.json.status}`;
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
		n8n = await startN8n({ tarball: getPackedTarball(), workflows: [trigger], publishVia: 'api' });
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

	// Known limitation (nodes/AiHomeDesign/trigger/dedupe.ts): n8n 2.41 does not save what webhook() writes
	// to static data, so the trigger remembers deliveries in memory only. A completion delivered before a
	// restart and again after it starts the workflow a second time. `it.failing` passes while that holds;
	// when it is fixed, this fails: turn it into a plain `it`.
	it.failing(
		'a completion delivered again after a restart still starts the workflow only once',
		async () => {
			const first = ids[0];
			const event = sim.platform.completedEvents().find((e) => e.process_id === first)!;
			expect((await sim.deliver(event, signedUrl)).status).toBe(200);
			await sleep(1500);
			expect((await runsByCompletion()).get(`${first}:done`)).toBe(1);
		},
	);
});
