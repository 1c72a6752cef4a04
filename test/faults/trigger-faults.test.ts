/**
 * Fault suite, trigger, in-process: the real webhook() answering deliveries the way n8n calls it
 * (see support/n8n-context/webhook.ts), with Verify with API going through n8n-core's request
 * helpers to the real simulator and its fault switches. Duplicates are caught by the trigger's in-memory ledger;
 * after a restart, by the execution's durable check (its execute(), on a model of n8n's processed-data table).
 *
 * For each fault: the answer the platform gets, executions started exactly once per completion, none
 * for forged or malformed input, and the API key and secret in no answer or log. Figures are printed.
 */
import type { IDataObject } from 'n8n-workflow';

import { objectIds } from '../support/ids';
import { deepText } from '../support/leak';
import type { ApiAccessOptions, LogEntry } from '../support/n8n-context/api-access';
import { report, tally } from '../support/report';
import { percentile } from '../support/stats';
import {
	deliver,
	ProcessedDataStore,
	ranWorkflow,
	runExecution,
	StaticDataStore,
	type DeliveryOutcome,
	type DeliveryRequest,
	type TriggerSetup,
} from '../support/trigger';
import type { HttpBackend } from '../support/http/backend';
import { apiOf, existingProcess, keyLeaked, startWorld, type FaultWorld } from './setup';

const SECRET = `faults-secret-${Math.random().toString(36).slice(2, 10)}`;
const TOOLS = ['tool-virtual-staging', 'tool-day-to-dusk', 'tool-item-removal'];

let world: FaultWorld | undefined;
// The trigger remembers completions per workflow for the n8n process's lifetime: a workflow id it
// has not seen stands in for a fresh process (each test, and each restart below).
let restarts = 0;
let workflowId = 'workflow-faults-0';
const restartN8n = () => {
	workflowId = `workflow-faults-${++restarts}`;
};
beforeEach(() => restartN8n());
afterEach(async () => {
	await world?.stop();
	world = undefined;
});

/** As n8n calls the trigger: its body parser first (broken JSON gets n8n's own 422), this run's workflow. */
const asN8n = (setup: TriggerSetup = {}): TriggerSetup => ({
	bodyParsedBy: 'n8n',
	workflowId,
	...setup,
});

const nextId = objectIds({ seed: 0xfa017 });

function completion(processId: string, index: number): IDataObject {
	const failed = index % 5 === 4;
	const assets = failed ? [] : Array.from({ length: 1 + (index % 2) }, () => nextId());
	return {
		event: 'process.completed',
		process_id: processId,
		order_id: nextId(),
		tool: TOOLS[index % TOOLS.length],
		status: failed ? 'failed' : 'done',
		final_assets: assets.map((id) => ({
			asset_id: id,
			asset_type: 'image',
			temp_src: `https://cdn.aihomedesign.com/${id}.jpg`,
			temp_thumbnail_src: `https://cdn.aihomedesign.com/${id}_thumb.jpg`,
		})),
	};
}

type Kind = 'original' | 'concurrent repeat' | 'later repeat' | 'forged' | 'malformed';
interface Planned {
	kind: Kind;
	label: string;
	key?: string;
	delivery: DeliveryRequest;
	answer?: DeliveryOutcome;
}

/** Small deterministic PRNG, so a failure can be replayed. */
function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 0x100000000;
	};
}

/** Well-formed deliveries this trigger does not handle: answered 200 (`started: false`), not refused. */
const NOT_HANDLED = new Set(['v1 delivery (no event)', 'other event']);

/** The bad inputs a public URL gets: each must start nothing, and all but NOT_HANDLED be refused. */
function malformedDeliveries(make: () => IDataObject): Array<[string, DeliveryRequest]> {
	const q = { secret: SECRET };
	return [
		['invalid JSON', { raw: '{"event":"process.completed","process_id":', query: q }],
		['v1 delivery (no event)', { body: { ...make(), event: undefined }, query: q }],
		['other event', { body: { ...make(), event: 'process.started' }, query: q }],
		['bad process id', { body: { ...make(), process_id: '../../etc/passwd' }, query: q }],
		['status still processing', { body: { ...make(), status: 'processing' }, query: q }],
		['final_assets not a list', { body: { ...make(), final_assets: 'none' }, query: q }],
		[
			'asset without an id',
			{ body: { ...make(), final_assets: [{ asset_type: 'image' }] }, query: q },
		],
		['JSON array', { body: [make()], query: q }],
		['empty object', { body: {}, query: q }],
		[
			'text/plain',
			{ raw: JSON.stringify(make()), headers: { 'content-type': 'text/plain' }, query: q },
		],
		[
			'form-encoded',
			{
				raw: 'event=process.completed',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				query: q,
			},
		],
		['body over 256 KB', { body: { ...make(), padding: 'x'.repeat(300 * 1024) }, query: q }],
	];
}

describe('1,000 deliveries with 30% duplicates and concurrent repeats', () => {
	it('every completion starts exactly one execution; duplicates, forgeries and malformed input start none', async () => {
		const random = prng(20261127);
		const UNIQUE = 700;
		const CONCURRENT = 150;
		const LATER = 150;
		const BATCH = 50;
		const store = new StaticDataStore();
		const params = { secret: SECRET };

		// Originals in batches; a concurrent repeat goes into its original's batch, a later repeat into a later one.
		const uniques = Array.from({ length: UNIQUE }, (_, i) => completion(nextId(), i));
		const batches: Planned[][] = [];
		const batchOf = new Map<string, number>();
		let current: Planned[] = [];
		const push = (p: Planned) => {
			if (current.length >= BATCH) {
				batches.push(current);
				current = [];
			}
			current.push(p);
		};
		const keyOf = (c: IDataObject) => `${c.process_id}:${c.status}`;
		uniques.forEach((c, i) => {
			const planned: Planned = {
				kind: 'original',
				label: 'original',
				key: keyOf(c),
				delivery: { body: c, query: { secret: SECRET } },
			};
			if (i < CONCURRENT && current.length >= BATCH - 1) {
				batches.push(current);
				current = [];
			}
			push(planned);
			batchOf.set(keyOf(c), batches.length);
			if (i < CONCURRENT)
				current.push({ ...planned, kind: 'concurrent repeat', label: 'concurrent repeat' });
		});
		batches.push(current);
		for (let i = 0; i < LATER; i++) {
			const c = uniques[CONCURRENT + Math.floor(random() * (UNIQUE - CONCURRENT))];
			const from = batchOf.get(keyOf(c))! + 1;
			const at = Math.min(
				batches.length - 1,
				from + Math.floor(random() * (batches.length - from)),
			);
			const target = at >= from ? at : batches.length;
			if (target === batches.length) batches.push([]);
			batches[target].push({
				kind: 'later repeat',
				label: 'later repeat',
				key: keyOf(c),
				delivery: { body: c, query: { secret: SECRET } },
			});
		}
		// Forgeries: well-formed completions nobody sent, without the secret or with a wrong one.
		for (let i = 0; i < 50; i++) {
			const query = i % 3 === 0 ? {} : i % 3 === 1 ? { secret: 'guess' } : { secret: `${SECRET}x` };
			const label = i % 3 === 0 ? 'no secret' : 'wrong secret';
			batches[Math.floor(random() * batches.length)].push({
				kind: 'forged',
				label,
				delivery: { body: completion(nextId(), i), query },
			});
		}
		const bad = malformedDeliveries(() => completion(nextId(), 1));
		for (let i = 0; i < 50; i++) {
			const [label, delivery] = bad[i % bad.length];
			batches[Math.floor(random() * batches.length)].push({ kind: 'malformed', label, delivery });
		}

		const logs: LogEntry[] = [];
		for (const batch of batches) {
			await Promise.all(
				batch.map(async (p) => {
					p.answer = await deliver(asN8n({ params, store, logs }), p.delivery);
				}),
			);
		}
		const all = batches.flat();
		const started = all.filter((p) => p.answer?.started);
		const runsPerKey = tally(started.map((p) => p.key ?? `(no key: ${p.kind})`));
		const duplicatesDropped = all.filter(
			(p) =>
				!p.answer?.started &&
				p.answer?.status === 200 &&
				/duplicate/.test(String((p.answer?.body as IDataObject)?.reason)),
		).length;
		const refusals = all.filter((p) => p.answer && p.answer.status >= 400);
		const answerMs = all.map((p) => p.answer?.answerMs ?? 0).sort((a, b) => a - b);
		report(
			'trigger, in-process: 1,000 deliveries (700 completions + 150 concurrent + 150 later repeats) + 50 forged + 50 malformed',
			{
				'deliveries sent': all.length,
				'by kind': tally(all.map((p) => p.kind)),
				'executions started': started.length,
				'completions with exactly 1 execution': Object.values(runsPerKey).filter((n) => n === 1)
					.length,
				'completions with 2+ executions': Object.values(runsPerKey).filter((n) => n > 1).length,
				'duplicates dropped (200, nothing started)': duplicatesDropped,
				'errors by kind (answer: reason)': tally(
					refusals.map((p) => `${p.answer!.status} ${p.label}`),
				),
				'webhook() time p50 / p99 (ms)': `${percentile(answerMs, 50).toFixed(3)} / ${percentile(answerMs, 99).toFixed(3)}`,
				'secret or key in answers/logs': deepText([all.map((p) => p.answer?.body), logs]).includes(
					SECRET,
				)
					? 'LEAKED'
					: 'no',
			},
		);

		expect(all).toHaveLength(1100);
		expect(started).toHaveLength(UNIQUE);
		expect(started.every((p) => p.kind === 'original' || p.kind.endsWith('repeat'))).toBe(true);
		for (const c of uniques) expect(runsPerKey[keyOf(c)]).toBe(1);
		expect(duplicatesDropped).toBe(CONCURRENT + LATER);
		// Duplicates are acknowledged with 2xx, so the platform stops resending them.
		expect(
			all.filter((p) => p.kind.endsWith('repeat')).every((p) => p.answer?.status === 200),
		).toBe(true);
		// A stranger gets n8n's answer for a URL with no webhook: nothing says a secret is expected.
		const forged = all.filter((p) => p.kind === 'forged');
		expect(forged.every((p) => p.answer?.status === 404 && !p.answer.started)).toBe(true);
		const forgedBodies = new Set(forged.map((p) => JSON.stringify(p.answer?.body)));
		expect(forgedBodies.size).toBe(1);
		expect([...forgedBodies][0]).toMatch(/is not registered/);
		expect([...forgedBodies][0]).not.toMatch(/secret/i);
		// Malformed input is refused; well-formed deliveries of something else (a v1 delivery, another
		// event) are acknowledged with 200 so the platform stops resending them. Neither starts anything.
		for (const p of all.filter((x) => x.kind === 'malformed')) {
			expect({
				what: p.label,
				started: p.answer?.started,
				answer: (p.answer?.status ?? 0) >= 400 ? 'refused' : p.answer?.status,
			}).toEqual({
				what: p.label,
				started: false,
				answer: NOT_HANDLED.has(p.label) ? 200 : 'refused',
			});
		}
		// The items carry what the delivery said.
		const first = started.find((p) => p.key === keyOf(uniques[0]))!;
		expect(first.answer?.items?.[0]).toMatchObject({
			process_id: uniques[0].process_id,
			status: uniques[0].status,
			tool: uniques[0].tool,
		});
		expect(deepText([all.map((p) => p.answer?.body), logs]).includes(SECRET)).toBe(false);
	});

	it('completions re-delivered after n8n restarted: webhook() lets them through (memory lost), each execution ends at the trigger', async () => {
		// n8n's database outlives the restart; the executions of the first deliveries ran together.
		const db = new ProcessedDataStore();
		const bodies = Array.from({ length: 50 }, (_, i) => completion(nextId(), i));
		const send = async (body: IDataObject) => await deliver(asN8n(), { body });
		const execute = async (outcome: DeliveryOutcome) =>
			await runExecution(outcome, { processedData: db });
		const before = await Promise.all(bodies.map(send));
		const ranBefore = await Promise.all(before.map(execute));
		const repeated = await Promise.all(bodies.map(send));
		restartN8n();
		const after = await Promise.all(bodies.map(send));
		const ranAfter = await Promise.all(after.map(execute));
		report('trigger, in-process: 50 completions re-delivered after a restart', {
			'executions from first deliveries': before.filter((a) => a.started).length,
			'  of them ran the workflow': ranBefore.filter(ranWorkflow).length,
			'executions from repeats before the restart': repeated.filter((a) => a.started).length,
			'executions from re-deliveries after the restart': after.filter((a) => a.started).length,
			'  of them ran the workflow (ended at the trigger: the rest)':
				ranAfter.filter(ranWorkflow).length,
		});
		expect(ranBefore.filter(ranWorkflow)).toHaveLength(50);
		expect(repeated.filter((a) => a.started)).toHaveLength(0);
		expect(after.filter((a) => a.started)).toHaveLength(50);
		expect(ranAfter.filter(ranWorkflow)).toHaveLength(0);
	});
});

it('a delivery whose result URLs are not http(s) is refused and starts nothing', async () => {
	const answers = await Promise.all(
		['javascript:alert(1)', 'file:///etc/passwd', 'data:image/jpeg;base64,AAAA'].map(
			async (src) => {
				const body = { ...completion(nextId(), 1) };
				body.final_assets = [{ asset_id: nextId(), asset_type: 'image', temp_src: src }];
				return await deliver(asN8n(), { body });
			},
		),
	);
	report('trigger, in-process: result URLs that are not http(s)', {
		answers: answers.map((a) => `${a.status}${a.started ? ' started' : ''}`).join(', '),
	});
	expect(answers.map((a) => a.status)).toEqual([400, 400, 400]);
	expect(answers.map((a) => a.started)).toEqual([false, false, false]);
});

/**
 * The world's API with the authenticated requests under way counted: `peak` is the most at once
 * (what a flood of deliveries can make the trigger spend on the key at the same time).
 */
function countingApi(api: ApiAccessOptions): { api: ApiAccessOptions; peak: () => number } {
	let now = 0;
	let peak = 0;
	const http: HttpBackend = {
		helpersFor(node) {
			const helpers = api.http.helpersFor(node);
			return {
				httpRequest: helpers.httpRequest,
				async httpRequestWithAuthentication(type, options) {
					now++;
					peak = Math.max(peak, now);
					try {
						return await helpers.httpRequestWithAuthentication.call(this, type, options);
					} finally {
						now--;
					}
				},
			};
		},
	};
	return { api: { ...api, http }, peak: () => peak };
}

describe('Verify with API under API faults', () => {
	// The simulator's result links are http://127.0.0.1: accepted only with this option on.
	const verifyParams = { verifyWithApi: true, options: { localResultLinks: true } };

	async function send(w: FaultWorld, body: IDataObject, api: ApiAccessOptions = apiOf(w)) {
		return await deliver(asN8n({ params: verifyParams, ...api }), { body });
	}

	/** The platform's own delivery for a finished process. */
	function eventFor(w: FaultWorld, processId: string): IDataObject {
		const event = w.platform.completedEvents().find((e) => e.process_id === processId);
		if (!event) throw new Error(`no event for ${processId}`);
		return event as unknown as IDataObject;
	}

	it('5xx, malformed and dropped answers: 503 with Retry-After and no execution; the retried delivery starts exactly one', async () => {
		world = await startWorld({ processDurationMs: 0, pollMinIntervalMs: false });
		const w = world;
		const cases: Array<[string, () => void]> = [
			['API 500 ×2', () => (w.platform.faults.serverErrorBurst = { count: 2, status: 500 })],
			['API 502 ×2 (HTML)', () => (w.platform.faults.serverErrorBurst = { count: 2, status: 502 })],
			[
				'API 429 with Retry-After 30',
				() => (w.platform.faults.rateLimitBurst = { count: 1, retryAfterSeconds: 30 }),
			],
			[
				'API wrong-shape body ×2',
				() => (w.platform.faults.malformedBody = { count: 2, kind: 'wrong-shape' }),
			],
			['API HTML body ×2', () => (w.platform.faults.malformedBody = { count: 2, kind: 'html' })],
			['API connection dropped ×2', () => (w.platform.faults.dropConnection = { count: 2 })],
		];
		const rows: Record<string, string> = {};
		const answers: DeliveryOutcome[] = [];
		for (const [what, arm] of cases) {
			const id = existingProcess(w.platform);
			const event = eventFor(w, id);
			arm();
			const first = await send(w, event);
			const retry = await send(w, event); // the platform sends again after a non-2xx
			const again = await send(w, event); // and a stray duplicate
			answers.push(first, retry, again);
			rows[what] =
				`${first.status}${first.headers['retry-after'] ? ` (Retry-After ${first.headers['retry-after']})` : ''} → ${retry.status} → ${again.status}; executions ${[first, retry, again].filter((a) => a.started).length}`;
			expect({ what, first: first.status, started: first.started }).toEqual({
				what,
				first: 503,
				started: false,
			});
			expect(first.headers['retry-after']).toBe('30');
			expect({ what, retry: retry.status, started: retry.started }).toEqual({
				what,
				retry: 200,
				started: true,
			});
			expect({ what, again: again.status, started: again.started }).toEqual({
				what,
				again: 200,
				started: false,
			});
		}
		report('trigger, Verify with API: API fault → answers (first → platform retry → duplicate)', {
			...rows,
			'API key in answers or logs': keyLeaked(answers) ? 'LEAKED' : 'no',
		});
		expect(keyLeaked(answers)).toBe(false);
	});

	it('forged ids get the wrong-secret answer (404, nothing to learn); unfinished processes 409; no execution', async () => {
		world = await startWorld({ processDurationMs: 60_000, pollMinIntervalMs: false });
		const running = existingProcess(world.platform);
		const template = {
			event: 'process.completed',
			order_id: nextId(),
			tool: 'tool-virtual-staging',
			status: 'done',
			final_assets: [],
		};
		const unknown = await send(world, { ...template, process_id: nextId() });
		const early = await send(world, { ...template, process_id: running });
		// A stranger's delivery with a wrong secret, to the same URL.
		const wrongSecret = await deliver(asN8n({ params: { ...verifyParams, secret: SECRET } }), {
			body: { ...template, process_id: running },
			query: { secret: 'guess' },
		});
		report('trigger, Verify with API: forged and early deliveries', {
			'unknown process id': `${unknown.status} ${JSON.stringify(unknown.body).slice(0, 70)}`,
			'wrong secret': `${wrongSecret.status} ${JSON.stringify(wrongSecret.body).slice(0, 70)}`,
			'process still running': `${early.status} ${String((early.body as IDataObject)?.error)}`,
		});
		expect(unknown).toMatchObject({ status: 404, started: false });
		expect(wrongSecret).toMatchObject({ status: 404, started: false });
		expect(unknown.body).toEqual(wrongSecret.body);
		expect(unknown.headers['retry-after']).toBeUndefined();
		expect(early).toMatchObject({ status: 409, started: false });
		expect(early.headers['retry-after']).toBe('30');
		expect(keyLeaked([unknown, early])).toBe(false);
	});

	it('an API slower than the 5-s budget: 503 well within the platform’s 10 s (real time)', async () => {
		world = await startWorld({ processDurationMs: 0, pollMinIntervalMs: false });
		const id = existingProcess(world.platform);
		world.platform.faults.slowMs = 7000;
		const t0 = Date.now();
		const answer = await send(world, eventFor(world, id));
		const ms = Date.now() - t0;
		report('trigger, Verify with API: API answers after 7 s', {
			answer: `${answer.status} ${String((answer.body as IDataObject)?.error)}`,
			'answer time (ms)': ms,
		});
		expect(answer).toMatchObject({ status: 503, started: false });
		expect(ms).toBeLessThan(6000);
		expect(keyLeaked(answer)).toBe(false);
	}, 20_000);

	it('a completion delivered 3× at once with verification: exactly one execution, the others acknowledged', async () => {
		// The platform's poll rule is on: concurrent verifications of one process read it within 5 s.
		// 4 completions: within the cap on reads at once (the flood below goes beyond it).
		world = await startWorld({ processDurationMs: 0, generationLimit: false });
		const ids = Array.from({ length: 4 }, () => existingProcess(world!.platform));
		const answers = (
			await Promise.all(
				ids.map(async (id) => {
					const event = eventFor(world!, id);
					return await Promise.all([send(world!, event), send(world!, event), send(world!, event)]);
				}),
			)
		).flat();
		const perId = tally(
			answers.filter((a) => a.started).map((a) => String(a.items?.[0]?.process_id)),
		);
		report('trigger, Verify with API: 4 completions, each delivered 3× concurrently', {
			'deliveries sent': answers.length,
			'executions started': answers.filter((a) => a.started).length,
			answers: tally(
				answers.map(
					(a) =>
						`${a.status}${a.started ? ' started' : ''}${a.status !== 200 ? ` ${String((a.body as IDataObject)?.error).slice(0, 60)}` : ''}`,
				),
			),
			'API status requests': world.platform.calls.filter((c) => c.path.startsWith('/v3/process/'))
				.length,
		});
		expect(Object.keys(perId)).toHaveLength(4);
		expect(Object.values(perId).every((n) => n === 1)).toBe(true);
		// The copies share the first one's API read: all acknowledged, one read per completion.
		expect(answers.every((a) => a.status === 200)).toBe(true);
		expect(world.platform.calls.filter((c) => c.path.startsWith('/v3/process/'))).toHaveLength(4);
		expect(keyLeaked(answers)).toBe(false);
	});

	it('a flood of 20 completions × 3 copies at once: at most 4 API reads at once, the rest 503 with Retry-After; the retried deliveries start exactly one execution each', async () => {
		world = await startWorld({ processDurationMs: 0, generationLimit: false });
		const w = world;
		const ids = Array.from({ length: 20 }, () => existingProcess(w.platform));
		// Reads take 0.3 s (real time), so the deliveries overlap them.
		w.platform.faults.slowMs = 300;
		const counted = countingApi(apiOf(w));
		let pending = ids.flatMap((id) => [id, id, id]);
		const answers: Array<{ round: number; answer: DeliveryOutcome }> = [];
		let round = 0;
		// The platform sends a refused delivery again (after Retry-After; here at once, in rounds).
		while (pending.length > 0 && round < 30) {
			round++;
			const sent = await Promise.all(
				pending.map(async (id) => ({ id, answer: await send(w, eventFor(w, id), counted.api) })),
			);
			for (const { answer } of sent) answers.push({ round, answer });
			pending = sent.filter((s) => s.answer.status !== 200).map((s) => s.id);
		}
		const started = answers.filter((a) => a.answer.started);
		const perId = tally(started.map((a) => String(a.answer.items?.[0]?.process_id)));
		const refused = answers.filter((a) => a.answer.status === 503);
		const reads = w.platform.calls.filter((c) => c.path.startsWith('/v3/process/'));
		report('trigger, Verify with API: 20 completions × 3 copies at once, refused ones sent again', {
			'deliveries sent (all rounds)': answers.length,
			rounds: round,
			'answers in the first round': tally(
				answers.filter((a) => a.round === 1).map((a) => String(a.answer.status)),
			),
			'503 answers (Retry-After)': `${refused.length} (${[...new Set(refused.map((a) => a.answer.headers['retry-after']))].join(', ')})`,
			'API reads at once (peak)': counted.peak(),
			'API status requests': reads.length,
			'executions started': started.length,
		});

		expect(pending).toHaveLength(0);
		expect(counted.peak()).toBeLessThanOrEqual(4);
		expect(refused.length).toBeGreaterThan(0);
		expect(
			refused.every((a) => a.answer.headers['retry-after'] === '30' && !a.answer.started),
		).toBe(true);
		expect(answers.every((a) => a.answer.status === 200 || a.answer.status === 503)).toBe(true);
		expect(Object.keys(perId).sort()).toEqual([...ids].sort());
		expect(Object.values(perId).every((n) => n === 1)).toBe(true);
		// A refused delivery costs no API read: one read per completion.
		expect(reads).toHaveLength(20);
		expect(keyLeaked(answers.map((a) => a.answer))).toBe(false);
	}, 30_000);
});
