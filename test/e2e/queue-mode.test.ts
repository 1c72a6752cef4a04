// The package in n8n's queue mode on one machine: Redis and Postgres of the suite's own, one main, two
// workers, two webhook processes (harness/queue), the simulator as the platform.
//   - Trigger: deliveries straight to each webhook process's port. With the Strict Duplicate Check option a
//     completion runs once: copies at the other process after the first ran, copies at both processes at
//     the same moment, copies across restarts. The default check (no lock; two workers) is measured and
//     printed: every completion runs, some twice.
//   - A webhook process and a worker restarted while completions keep coming (retried like the platform):
//     every completion runs; once with the strict check (the default one is measured: after a restart the
//     queue's backlog makes executions of copies sent seconds apart meet on the workers).
//   - The action node on the workers: Run Tool on Image answering with the staged photo through a webhook
//     process; several items in one batched wait, each result readable as binary data (database mode);
//     the stop button ends a run waiting on the simulator; continue-on-fail gives error items.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { createOrder, request } from '../simulator/requests';
import { stagingBody } from '../simulator/tools';
import { httpRequest } from '../support/net';
import { percentileOf } from '../support/stats';
import { report, tally } from '../support/report';
import { sleep } from '../support/sleep';
import {
	deliverAll,
	executionItems,
	FILES,
	getPackedTarball,
	loadWorkflow,
	QUEUE_BINARY_DATA_MODE,
	readBinaryData,
	simulatorCredential,
	startQueueCluster,
	systemServicesOrSkip,
	TERMINAL_STATUSES,
	triggerWebhookPath,
	webhookNodePath,
	type Delivery,
	type Execution,
	type N8nInstance,
	type QueueCluster,
} from './harness';

const services = systemServicesOrSkip('queue-mode.test.ts');
const describeQueue = services ? describe : describe.skip;

// Made up per run, so that finding it in a log means it leaked.
const SECRET = `queue-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
const RECORD = 'Record completion';
const STAGE = 'Stage every photo';
const PLATFORM_RETRY = { attempts: 20, delaysMs: [500, 1000, 2000, 4000] };
const PROCESS_MS = 3000;
/** Same-moment pairs per variant (without and with the strict check). */
const PAIRS = 20;

const loose = loadWorkflow(FILES.triggerRecord, {
	id: 'aihdQueueLoose01',
	name: 'queue: trigger',
	trigger: { secret: SECRET },
});
const strict = loadWorkflow(FILES.triggerRecord, {
	id: 'aihdQueueStrict1',
	name: 'queue: trigger with the strict duplicate check',
	pathSuffix: '-strict',
	trigger: { secret: SECRET, options: { localResultLinks: true, strictDuplicateCheck: true } },
});
const restartDefault = loadWorkflow(FILES.triggerRecord, {
	id: 'aihdQueueRestart',
	name: 'queue: trigger under restarts',
	pathSuffix: '-restart',
	trigger: { secret: SECRET },
});
const restartStrict = loadWorkflow(FILES.triggerRecord, {
	id: 'aihdQueueRestStr',
	name: 'queue: trigger with the strict duplicate check under restarts',
	pathSuffix: '-restart-strict',
	trigger: { secret: SECRET, options: { localResultLinks: true, strictDuplicateCheck: true } },
});
const stagingWebhook = loadWorkflow(FILES.stagingWebhook);
const ROOMS_FILE = 'webhook-stage-rooms.json';
const rooms = loadWorkflow(ROOMS_FILE);
const roomsToStop = loadWorkflow(ROOMS_FILE, {
	id: 'aihdStageRoomsSt',
	name: 'queue: rooms, stopped',
	pathSuffix: '-stop',
});
const REJECTED_CREDENTIAL = { id: 'aihdQueueRejectd', name: 'AI HomeDesign (rejected key)' };
const roomsRejected = loadWorkflow(ROOMS_FILE, {
	id: 'aihdStageRoomsRj',
	name: 'queue: rooms, rejected key, continue on fail',
	pathSuffix: '-rejected',
	credential: REJECTED_CREDENTIAL,
});
for (const node of roomsRejected.nodes)
	if (node.name === STAGE) node.onError = 'continueRegularOutput';
const rejectedKey = `rejected-${Math.random().toString(36).slice(2)}`;

const keyOf = (json: IDataObject) => `${json.process_id}:${json.status}`;

function output(execution: Execution, node: string): INodeExecutionData[] {
	return execution.data?.resultData.runData[node]?.[0]?.data?.main[0] ?? [];
}

describeQueue('the package in n8n queue mode (main, 2 workers, 2 webhook processes)', () => {
	let sim: RunningSimulator;
	let cluster: QueueCluster;
	let main: N8nInstance;
	let strictAvailable = false;
	/** What the simulator's next processes do. */
	let nextOutcome: 'done' | 'never' = 'done';
	let nextDurationMs = PROCESS_MS;

	/** A finished process on the simulator, as the completion the platform would deliver for it. */
	function newCompletion(): IDataObject {
		nextDurationMs = 0;
		try {
			const order = createOrder(sim.platform);
			const res = sim.platform.handle(
				request('POST', '/v3/process', { body: stagingBody(order.order_id, order.assets[0].id) }),
			);
			const id = (res.body as { data: { process_ids: string[] } }).data.process_ids[0];
			return sim.platform
				.completedEvents()
				.find((e) => e.process_id === id) as unknown as IDataObject;
		} finally {
			nextDurationMs = PROCESS_MS;
		}
	}

	const signedUrl = (webhookProcess: N8nInstance, workflow: typeof loose) =>
		`${webhookProcess.webhookUrl(triggerWebhookPath(workflow))}?secret=${SECRET}`;

	/** Waits until the workflow has at least `atLeast` executions, all finished, and the count held still. */
	async function settle(workflowId: string, atLeast: number, timeoutMs = 60000): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		let last = -1;
		let stable = 0;
		for (;;) {
			const all = await main.listExecutions({ workflowId, includeData: false });
			const done = all.every((e) => TERMINAL_STATUSES.includes(e.status));
			stable = done && all.length >= atLeast && all.length === last ? stable + 1 : 0;
			if (stable >= 2) return all.length;
			if (Date.now() > deadline)
				throw new Error(
					`workflow ${workflowId}: ${all.length} executions (${JSON.stringify(tally(all.map((e) => e.status)))}), ` +
						`wanted ${atLeast}, all finished\n${cluster.logTails()}`,
				);
			last = all.length;
			await sleep(750);
		}
	}

	/** Runs (executions that got past the trigger's duplicate check) per completion key. Every execution
	 * succeeded, or with `crashed`, was ended by a restart before the trigger's output was saved (crashed,
	 * or failed with n8n's error): those are counted there with their errors, and the completion-level
	 * checks decide whether anything was lost. */
	async function runsByKey(
		workflowId: string,
		crashed?: { count: number; errors: string[] },
	): Promise<Record<string, number>> {
		const items = await executionItems(main, workflowId, RECORD);
		const failed = items.filter((e) => e.status !== 'success');
		const endedByRestart = (e: (typeof items)[number]) =>
			e.status === 'crashed' || (e.status === 'error' && !e.json);
		if (crashed) {
			const ended = failed.filter(endedByRestart);
			crashed.count += ended.length;
			crashed.errors.push(...ended.map((e) => `${e.status}: ${e.error ?? 'no message'}`));
		}
		expect(failed.filter((e) => !crashed || !endedByRestart(e))).toEqual([]);
		return tally(items.filter((e) => e.json).map((e) => keyOf(e.json!)));
	}

	const delivery = (url: string, body: IDataObject, tag: string): Delivery => ({
		url,
		body,
		tag,
		key: keyOf(body),
	});

	beforeAll(async () => {
		sim = await startSimulator({
			platformOptions: {
				processDurationMs: () => nextDurationMs,
				outcome: () => nextOutcome,
				generationLimit: false,
			},
		});
		cluster = await startQueueCluster({
			services: services!,
			tarball: getPackedTarball(),
			workflows: [
				loose,
				strict,
				restartDefault,
				restartStrict,
				stagingWebhook,
				rooms,
				roomsToStop,
				roomsRejected,
			],
			credentials: [
				simulatorCredential(sim.apiBaseUrl),
				simulatorCredential(sim.apiBaseUrl, { ...REJECTED_CREDENTIAL, apiKey: rejectedKey }),
			],
		});
		main = cluster.main;
		const trigger = (await main.nodeTypes()).find((t) => t.name.endsWith('.aiHomeDesignTrigger'));
		strictAvailable = JSON.stringify(trigger?.properties ?? []).includes('"strictDuplicateCheck"');
		report('queue mode: the cluster', {
			'binary data mode': QUEUE_BINARY_DATA_MODE,
			'main: import (CLI, migrates), start, publish (s)': `${main.timings.importMs / 1000}, ${main.timings.startMs / 1000}, ${main.timings.activateMs / 1000}`,
			'workers, webhook processes ready after (s)':
				Math.max(...[...cluster.workers, ...cluster.webhooks].map((n) => n.timings.startMs)) / 1000,
			'Strict Duplicate Check option': strictAvailable ? 'present' : 'not in this build',
		});
	});

	afterAll(async () => {
		await cluster?.stop();
		await sim?.stop();
	});

	/** Completions sent at once to the webhook processes, then, once their runs are over, a copy of each to
	 * the other process: runs per completion. */
	async function copiesAfterTheFirstRan(workflow: typeof loose) {
		const [a, b] = cluster.webhooks;
		const before = (await main.listExecutions({ workflowId: workflow.id, includeData: false }))
			.length;
		const completions = Array.from({ length: 10 }, newCompletion);
		const first = await deliverAll(
			completions.map((c, i) => delivery(signedUrl(i % 2 ? b : a, workflow), c, 'first')),
			{ retry: PLATFORM_RETRY },
		);
		await settle(workflow.id, before + completions.length);
		const second = await deliverAll(
			completions.map((c, i) => delivery(signedUrl(i % 2 ? a : b, workflow), c, 'second')),
			{ retry: PLATFORM_RETRY },
		);
		const executions = (await settle(workflow.id, before + completions.length)) - before;
		const runs = await runsByKey(workflow.id);
		const counts = completions.map((c) => runs[keyOf(c)] ?? 0);
		expect([...first, ...second].map((d) => d.final)).toEqual(
			completions.flatMap(() => [200, 200]),
		);
		return {
			counts,
			figures: {
				completions: completions.length,
				'executions (a duplicate ends at the trigger)': executions,
				'ran twice': counts.filter((n) => n > 1).length,
			},
		};
	}

	// The default check reads and writes one processed-data row without a lock: checks of different
	// completions running at the same moment on the two workers can drop each other's keys, so a later copy
	// of such a completion runs again. The strict check makes them take turns.
	it('a copy at the other webhook process after the first ones ran: once with the strict check; the default check is measured', async () => {
		const plain = await copiesAfterTheFirstRan(loose);
		report('queue mode: a copy at the other process after the runs, default check', plain.figures);
		expect(plain.counts.filter((n) => n === 0)).toEqual([]);
		if (!strictAvailable) return;
		const strictRun = await copiesAfterTheFirstRan(strict);
		report(
			'queue mode: a copy at the other process after the runs, strict check',
			strictRun.figures,
		);
		expect(strictRun.counts).toEqual(strictRun.counts.map(() => 1));
	});

	/** N completions, each sent to both webhook processes at the same moment; doubles and answer times. */
	async function sameMomentPairs(workflow: typeof loose) {
		const [a, b] = cluster.webhooks;
		const before = (await main.listExecutions({ workflowId: workflow.id, includeData: false }))
			.length;
		const completions = Array.from({ length: PAIRS }, newCompletion);
		const sent = await deliverAll(
			completions.map((c) => [
				delivery(signedUrl(a, workflow), c, 'a'),
				delivery(signedUrl(b, workflow), c, 'b'),
			]),
			{ concurrency: 4, retry: PLATFORM_RETRY },
		);
		const executions = (await settle(workflow.id, before + PAIRS)) - before;
		const runs = await runsByKey(workflow.id);
		const counts = completions.map((c) => runs[keyOf(c)] ?? 0);
		const ms = sent.map((d) => d.attempts?.at(-1)?.ms ?? 0);
		return {
			sent,
			counts,
			figures: {
				'pairs sent': PAIRS,
				'pairs that ran twice': counts.filter((n) => n > 1).length,
				'pairs that never ran': counts.filter((n) => n === 0).length,
				executions,
				'answer ms p50 / p99': `${percentileOf(ms, 50).toFixed(0)} / ${percentileOf(ms, 99).toFixed(0)}`,
			},
		};
	}

	it('copies at the same moment at both webhook processes: every completion runs; doubles are counted', async () => {
		const plain = await sameMomentPairs(loose);
		report('queue mode: same-moment pairs, default duplicate check', plain.figures);
		expect(plain.sent.map((d) => d.final)).toEqual(plain.sent.map(() => 200));
		// Every completion runs; a double here is the documented window of the default check.
		expect(plain.counts.filter((n) => n === 0)).toEqual([]);
		expect(Math.max(...plain.counts)).toBeLessThanOrEqual(2);

		if (!strictAvailable) {
			report('queue mode: same-moment pairs, Strict Duplicate Check', {
				skipped: 'the option is not in this build',
			});
			return;
		}
		const strictRun = await sameMomentPairs(strict);
		report('queue mode: same-moment pairs, Strict Duplicate Check', strictRun.figures);
		expect(strictRun.sent.map((d) => d.final)).toEqual(strictRun.sent.map(() => 200));
		expect(strictRun.counts).toEqual(strictRun.counts.map(() => 1));
	});

	it('a webhook process and a worker restarted while completions keep coming: every completion runs, once with the strict check', async () => {
		const [a, b] = cluster.webhooks;
		const [restartedWorker] = cluster.workers;
		const completions = Array.from({ length: 20 }, newCompletion);
		const sent: Delivery[] = [];
		const t0 = Date.now();
		// Open loop, 3 a second, to both workflows: each completion to one process, then a copy to the
		// other 2 s after the first was answered. The executions may still meet on the workers: a restart
		// leaves a backlog in the queue, and the check runs when an execution starts, not when it is enqueued.
		const sending = Promise.all(
			completions.flatMap((c, i) =>
				[restartStrict, restartDefault].map(async (workflow) => {
					await sleep(i * 330);
					const [first, other] = i % 2 ? [b, a] : [a, b];
					const retry = { retry: PLATFORM_RETRY };
					const tag = workflow === restartStrict ? 'strict' : 'default';
					sent.push(...(await deliverAll([delivery(signedUrl(first, workflow), c, tag)], retry)));
					await sleep(2000);
					sent.push(...(await deliverAll([delivery(signedUrl(other, workflow), c, tag)], retry)));
				}),
			),
		);
		await sleep(2500);
		const workerMark = restartedWorker.logMark();
		const restartStart = Date.now();
		await Promise.all([a.restart(), restartedWorker.restart()]);
		const restartMs = Date.now() - restartStart;
		await sending;
		const sendMs = Date.now() - t0;
		const crashed = { count: 0, errors: [] as string[] };
		const counts = async (workflow: typeof loose) => {
			await settle(workflow.id, completions.length, 90000);
			const runs = await runsByKey(workflow.id, crashed);
			return completions.map((c) => runs[keyOf(c)] ?? 0);
		};
		const strictCounts = await counts(restartStrict);
		const defaultCounts = await counts(restartDefault);

		// Completions of the first tests, delivered again to the restarted process (its memory is empty).
		const checked = strictAvailable ? strict : loose;
		const again = (await executionItems(main, checked.id, RECORD))
			.filter((e) => e.json)
			.slice(0, 5);
		const resent = await deliverAll(
			again.map((e) => delivery(signedUrl(a, checked), e.json!, 'after restart')),
			{ retry: PLATFORM_RETRY },
		);
		await settle(checked.id, 1);
		const runsAfter = await runsByKey(checked.id);

		const failed = sent.flatMap((d) =>
			(d.attempts ?? []).filter((t) => t.status !== 200).map((t) => String(t.status || t.error)),
		);
		const twice = (n: number[]) => n.filter((x) => x > 1).length;
		report('queue mode: restarts of a webhook process and a worker under deliveries', {
			completions: completions.length,
			'deliveries (2 per completion and workflow)': sent.length,
			'restart took (s)': restartMs / 1000,
			'sending took (s)': sendMs / 1000,
			'failed attempts, retried': tally(failed),
			'runs started by the restarted worker': (
				restartedWorker.logsSince(workerMark).match(/Worker started execution/g) ?? []
			).length,
			'executions ended by the restarts before the trigger output': crashed.count,
			'  their status and error': tally(crashed.errors),
			'ran twice, default check': twice(defaultCounts),
			'ran twice, strict check': strictAvailable ? twice(strictCounts) : 'not in this build',
		});
		expect(sent.map((d) => d.final)).toEqual(sent.map(() => 200));
		expect(defaultCounts.filter((n) => n === 0)).toEqual([]);
		if (strictAvailable) expect(strictCounts).toEqual(completions.map(() => 1));
		expect(resent.map((d) => d.final)).toEqual(resent.map(() => 200));
		if (strictAvailable) for (const e of again) expect(runsAfter[keyOf(e.json!)]).toBe(1);
	});

	/** Which worker's log says it ran the execution. */
	const ranOn = (id: string) =>
		cluster.workers.findIndex((w) => w.logs().includes(`Worker started execution ${id} `));

	it('Run Tool on Image through a webhook process runs on a worker and answers with the staged photo', async () => {
		const set = rooms.nodes.find((n) => n.name === 'Sample photo')!;
		const photo = Buffer.from(
			(set.parameters.assignments as { assignments: Array<{ value: string }> }).assignments[0]
				.value,
			'base64',
		);
		const answer = await httpRequest(
			cluster.webhooks[0].webhookUrl(webhookNodePath(stagingWebhook)),
			{
				headers: { 'content-type': 'image/jpeg' },
				body: photo,
				timeoutMs: 120000,
			},
		);
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toMatch(/^image\/jpeg/);
		const [execution] = await main.waitForExecutions({
			workflowId: stagingWebhook.id,
			timeoutMs: 60000,
		});
		expect(execution.status).toBe('success');
		expect(ranOn(execution.id)).toBeGreaterThanOrEqual(0);
		const [item] = output(execution, 'Check: staged image present');
		const simProcess = sim.platform.processes().find((p) => p.id === item.json.process_id)!;
		const served = (
			await httpRequest(`${sim.url}/files/${simProcess.final_assets[0].asset_id}.jpg`)
		).raw;
		expect(answer.raw.equals(served)).toBe(true);
		// The worker stored the result in the shared store: main reads it back byte for byte.
		expect(item.binary?.data.id).toMatch(new RegExp(`^${QUEUE_BINARY_DATA_MODE}:`));
		expect((await readBinaryData(main, item.binary!.data.id!)).equals(served)).toBe(true);
	});

	it('several items in one run: one batched wait on a worker, every result readable as binary data', async () => {
		const names = ['living room', 'bedroom', 'kitchen'];
		const res = await cluster.webhooks[1].callWebhook(webhookNodePath(rooms), {
			body: { rooms: names },
		});
		expect(res.status).toBe(200);
		const [execution] = await main.waitForExecutions({ workflowId: rooms.id, timeoutMs: 90000 });
		expect(execution.status).toBe('success');
		expect(ranOn(execution.id)).toBeGreaterThanOrEqual(0);
		const items = output(execution, STAGE);
		expect(items.map((i) => i.json.status)).toEqual(names.map(() => 'done'));
		expect(new Set(items.map((i) => i.json.process_id)).size).toBe(names.length);
		for (const item of items) {
			const simProcess = sim.platform.processes().find((p) => p.id === item.json.process_id)!;
			const served = (
				await httpRequest(`${sim.url}/files/${simProcess.final_assets[0].asset_id}.jpg`)
			).raw;
			expect((await readBinaryData(main, item.binary!.data.id!)).equals(served)).toBe(true);
		}
		// Waited side by side: one process's time plus a 5-s poll, not three of them one after another.
		const waitedMs = execution.data!.resultData.runData[STAGE][0].executionTime;
		report('queue mode: three photos in one run on a worker', {
			'node time (s)': waitedMs / 1000,
			'one process takes (s)': PROCESS_MS / 1000,
		});
		expect(waitedMs).toBeLessThan(3 * 5000);
	});

	it('the stop button (main’s REST API) ends a run waiting on the simulator on a worker', async () => {
		nextOutcome = 'never';
		try {
			const res = await cluster.webhooks[0].callWebhook(webhookNodePath(roomsToStop), {
				body: { rooms: ['attic'] },
			});
			expect(res.status).toBe(200);
			const [running] = await main.waitForExecutions({
				workflowId: roomsToStop.id,
				statuses: ['running'],
				timeoutMs: 60000,
				includeData: false,
			});
			// Waiting on the platform, not still uploading.
			const deadline = Date.now() + 30000;
			while (!sim.platform.processes().some((p) => p.outcome === 'never')) {
				if (Date.now() > deadline) throw new Error('no process was created for the run to wait on');
				await sleep(200);
			}
			const stoppedAt = Date.now();
			await main.rest('POST', `/rest/executions/${running.id}/stop`);
			const [ended] = await main.waitForExecutions({
				workflowId: roomsToStop.id,
				timeoutMs: 30000,
				includeData: false,
			});
			report('queue mode: stop button', {
				'ended as': ended.status,
				'after the stop (s)': (Date.now() - stoppedAt) / 1000,
			});
			expect(ended.id).toBe(running.id);
			expect(ended.status).toBe('canceled');
		} finally {
			nextOutcome = 'done';
		}
	});

	it('continue on fail on a worker: a rejected key gives one error item per photo, the run succeeds', async () => {
		const res = await cluster.webhooks[1].callWebhook(webhookNodePath(roomsRejected), {
			body: { rooms: ['hall', 'study'] },
		});
		expect(res.status).toBe(200);
		const [execution] = await main.waitForExecutions({
			workflowId: roomsRejected.id,
			timeoutMs: 60000,
		});
		expect(execution.status).toBe('success');
		const items = output(execution, STAGE);
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.json.error).toEqual(expect.any(String));
			expect(item.binary).toBeUndefined();
		}
		expect(JSON.stringify(execution.data)).not.toContain(rejectedKey);
	});

	it('never writes the secret or the rejected key to any process’s log', () => {
		for (const n of [main, ...cluster.workers, ...cluster.webhooks]) {
			expect(n.logs()).not.toContain(SECRET);
			expect(n.logs()).not.toContain(rejectedKey);
		}
	});
});
