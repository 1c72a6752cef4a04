/**
 * A batch at the platform's pace (issue 14): many photos in one Run Tool on Image execution against
 * the simulator's documented limit of 10 processes per 10 minutes (a sliding window), with n8n-core's
 * real HTTP helpers over loopback and a virtual clock shared by node and simulator, so 90 minutes of
 * platform time run in seconds. Figures are printed (support/report.ts).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesign } from '../../nodes/AiHomeDesign/AiHomeDesign.node';
import { MIN_POLL_INTERVAL_MS } from '../../nodes/AiHomeDesign/shared/constants';
import { createExecuteContext } from '../support/n8n-context/execute';
import { report } from '../support/report';
import {
	apiOf,
	existingProcess,
	photos,
	runAction,
	RUN_TOOL,
	startWorld,
	type FaultWorld,
	type RunResult,
} from './setup';

let world: FaultWorld | undefined;
afterEach(async () => {
	await world?.stop();
	world = undefined;
});

const MINUTE = 60_000;
/** How long each simulated process runs. */
const PROCESS_MS = 60_000;

const creates = (w: FaultWorld) => w.platform.calls.filter((c) => c.path === '/v3/process');
const refusedCreates = (w: FaultWorld) => creates(w).filter((c) => c.status === 429).length;

/** The shortest gap between two status requests for one process. */
function minPollGapMs(w: FaultWorld): number {
	let min = Infinity;
	for (const p of w.platform.processes())
		for (let i = 1; i < p.pollTimes.length; i++)
			min = Math.min(min, p.pollTimes[i] - p.pollTimes[i - 1]);
	return min;
}

/** The most creates the platform accepted in any 10 minutes. */
function busiestWindow(w: FaultWorld): number {
	const accepted = creates(w)
		.filter((c) => c.status === 201)
		.map((c) => c.at);
	return Math.max(
		0,
		...accepted.map((t) => accepted.filter((u) => u >= t && u < t + 10 * MINUTE).length),
	);
}

function figures(title: string, w: FaultWorld, run: RunResult, realMs: number) {
	const polls = w.platform.processes().map((p) => p.pollTimes.length);
	report(title, {
		'items in / out': `${run.items?.length ?? 0}`,
		'items done': (run.items ?? []).filter((i) => i.json.status === 'done').length,
		'processes created': w.platform.processes().length,
		'orders created': w.platform.orders().length,
		'virtual wall time (min)': run.virtualMs / MINUTE,
		'creates refused with 429': refusedCreates(w),
		'most creates in 10 min': busiestWindow(w),
		'polls per process (max)': Math.max(0, ...polls),
		'shortest poll gap (s)': minPollGapMs(w) / 1000,
		error: run.error?.message,
		'real time (s)': realMs / 1000,
	});
}

/**
 * Each output item is its input's photo: paired, done, with its result file, and the order it names
 * holds that photo (room-<i>.jpg) and one process; every photo uploaded once.
 */
function expectOnePerPhoto(w: FaultWorld, items: INodeExecutionData[], count: number) {
	expect(items).toHaveLength(count);
	expect(items.map((i) => i.pairedItem)).toEqual(
		Array.from({ length: count }, (_, item) => ({ item })),
	);
	expect(items.every((i) => i.json.status === 'done' && !i.json.error)).toBe(true);
	expect(items.every((i) => i.binary?.data)).toBe(true);
	expect(new Set(items.map((i) => i.json.order_id)).size).toBe(count);
	expect(new Set(items.map((i) => i.json.process_id)).size).toBe(count);
	const orders = new Map(w.platform.orders().map((o) => [o.id, o]));
	expect(items.map((i) => orders.get(String(i.json.order_id))?.assets[0].filename)).toEqual(
		Array.from({ length: count }, (_, i) => `room-${i}.jpg`),
	);
	expect(items.every((i) => orders.get(String(i.json.order_id))?.process_ids.length === 1)).toBe(
		true,
	);
	const uploaded = w.platform.orders().map((o) => o.assets[0].filename);
	expect(uploaded.filter((name) => name.startsWith('room-'))).toHaveLength(count);
}

describe('a batch at the platform pace (10 processes per 10 minutes)', () => {
	it('100 photos with the defaults: each processed once, in the 10 windows the platform allows, no 429 hammering', async () => {
		world = await startWorld({ processDurationMs: PROCESS_MS });
		const real0 = Date.now();
		const run = await runAction(world, RUN_TOOL, photos(100));
		figures('100 photos, defaults', world, run, Date.now() - real0);

		expect(run.error).toBeUndefined();
		expectOnePerPhoto(world, run.items ?? [], 100);
		expect(world.platform.processes()).toHaveLength(100);
		expect(creates(world).filter((c) => c.status === 201)).toHaveLength(100);
		// The platform's bound: the 100th create cannot start before 9 full windows have passed;
		// after it, one process run, the first poll and the downloads.
		expect(run.virtualMs).toBeGreaterThanOrEqual(90 * MINUTE);
		expect(run.virtualMs).toBeLessThanOrEqual(90 * MINUTE + PROCESS_MS + 2 * MIN_POLL_INTERVAL_MS);
		expect(refusedCreates(world)).toBe(0);
		expect(busiestWindow(world)).toBe(10);
		expect(minPollGapMs(world)).toBeGreaterThanOrEqual(MIN_POLL_INTERVAL_MS);
		// n8n's log says up front how long the batch takes.
		expect(run.logs.map((l) => l.message)).toContain(
			"AI HomeDesign: 100 photos at the platform's 10 processes per 10 minutes take about 90 minutes",
		);
		// The photos that waited for a window say how long.
		const queued = (run.items ?? []).filter((i) => i.json.queued_seconds !== undefined);
		expect(queued).toHaveLength(9);
		expect(queued.every((i) => Number(i.json.queued_seconds) <= 600)).toBe(true);
	});

	it('slots taken by another workflow on the account: the 429s they cause are waited out, 30 photos each once', async () => {
		world = await startWorld({ processDurationMs: PROCESS_MS });
		for (let i = 0; i < 5; i++) existingProcess(world.platform);
		const real0 = Date.now();
		const run = await runAction(world, RUN_TOOL, photos(30));
		figures('30 photos, 5 slots used elsewhere just before', world, run, Date.now() - real0);

		expect(run.error).toBeUndefined();
		expectOnePerPhoto(world, run.items ?? [], 30);
		expect(world.platform.processes()).toHaveLength(35);
		// Only the window the other workflow filled is waited out by asking (backoff 1 s doubling to
		// 30 s: about 24 asks); after it the node knows every slot it holds and asks no more.
		expect(refusedCreates(world)).toBeGreaterThan(0);
		expect(refusedCreates(world)).toBeLessThanOrEqual(30);
		expect(run.virtualMs).toBeLessThanOrEqual(30 * MINUTE + PROCESS_MS + 2 * MIN_POLL_INTERVAL_MS);
	});

	it('a queue time too short for the batch: refused before anything is uploaded, saying how long it takes and what to set', async () => {
		world = await startWorld({ processDurationMs: PROCESS_MS });
		const run = await runAction(
			world,
			{ ...RUN_TOOL, options: { rateLimitQueueMinutes: 5 } as IDataObject },
			photos(100),
		);
		figures('100 photos, Queue for Rate Limit 5 min', world, run, 0);

		expect(run.error?.message).toBe(
			"This batch of 100 photos takes about 90 minutes at the platform's rate limit, longer than the node is set to wait",
		);
		expect(run.error?.description).toBe(
			'AI HomeDesign runs at most 10 processes per 10 minutes, so photo 11 waits about 10 minutes for a free slot, and "Queue for Rate Limit (Minutes)" allows 5. Set it to 10 or more to run the whole batch (about 90 minutes), or send at most 10 photos per execution. Nothing was uploaded or created.',
		);
		expect(world.platform.calls).toHaveLength(0);
		expect(run.virtualMs).toBe(0);
	});

	it('Queue 0 ("fail at once"): 11 photos are refused before they start; under Continue On Fail the 11th alone fails, not uploaded', async () => {
		world = await startWorld({ processDurationMs: PROCESS_MS });
		const queue0 = { ...RUN_TOOL, options: { rateLimitQueueMinutes: 0 } as IDataObject };
		const refused = await runAction(world, queue0, photos(11));
		expect(refused.error?.message).toMatch(/^This batch of 11 photos takes about 10 minutes/);
		expect(refused.error?.description).toMatch(/photo 11 waits about 10 minutes/);
		expect(refused.error?.description).toMatch(/allows 0\. Set it to 10 or more/);
		expect(world.platform.calls).toHaveLength(0);

		const partly = await runAction(world, queue0, photos(11), { continueOnFail: true });
		const items = partly.items ?? [];
		expect(items.slice(0, 10).every((i) => i.json.status === 'done')).toBe(true);
		expect(items[10].json.error).toMatch(/^This batch of 11 photos takes about 10 minutes/);
		expect(items[10].pairedItem).toEqual({ item: 10 });
		expect(world.platform.orders()).toHaveLength(10);
		expect(refusedCreates(world)).toBe(0);
	});

	it('the stop button ends the wait for a slot: no further photo is uploaded or created', async () => {
		world = await startWorld({ processDurationMs: PROCESS_MS });
		const controller = new AbortController();
		void world.time.sleep(5 * MINUTE).then(() => controller.abort());
		const { context } = createExecuteContext({
			...apiOf(world),
			params: RUN_TOOL,
			items: photos(25),
			signal: controller.signal,
			keepBinary: false,
		});
		const started = world.time.now();
		const error = await new AiHomeDesign().execute.call(context).then(
			() => undefined,
			(e: Error) => e,
		);

		expect(error?.message).toBe('The execution was cancelled while waiting for AI HomeDesign');
		expect(world.time.now() - started).toBe(5 * MINUTE);
		expect(world.platform.processes()).toHaveLength(10);
		expect(world.platform.orders()).toHaveLength(10);
	});
});
