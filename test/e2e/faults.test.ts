/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never shipped: two knobs from the environment */
// Fault suite, the parts that need n8n itself: ONE real n8n (the packed package installed, default settings),
// the AI HomeDesign Trigger behind its production webhook. ~3 minutes: n8n 2.41 runs ~9 trigger executions/s
// on 2 CPUs with its default expression engine (see the benchmark), and the 1,000 deliveries dominate.
//   - 1,000 deliveries with 30% duplicates (half of them concurrent repeats), plus forged and malformed
//     ones, sent 20 at a time with the platform's retry-on-non-2xx; executions counted through the public API.
//   - n8n restarted while completions keep coming (open loop, 5/s); every one retried until answered 2xx,
//     exactly one execution each unless n8n itself answered (200 "starting up"; 5xx or a cut connection
//     after starting it).
//   - Verify with API against the simulator with API faults: 503 + Retry-After, then one execution; an
//     unknown id gets the wrong secret's 404; a flood of deliveries is verified at most 4 at once (503 beyond).
//   - Neither the API key nor the trigger's secret in n8n's log or in execution data
//     (AIHD_FAULTS_LOG_LEVEL=debug: at debug level).
// Figures are printed (test/support/report.ts).
import type { IDataObject } from 'n8n-workflow';

import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { request, uploadRequest } from '../simulator/requests';
import { stagingBody } from '../simulator/tools';
import { objectIds } from '../support/ids';
import { deepText } from '../support/leak';
import { report, tally } from '../support/report';
import { sleep } from '../support/sleep';
import {
	deliverAll,
	deliverPaced,
	executionItems,
	FILES,
	getPackedTarball,
	loadWorkflow,
	SIMULATOR_CREDENTIAL,
	simulatorCredential,
	startN8n,
	triggerWebhookPath,
	waitForIdle,
	type Delivery,
	type N8nInstance,
} from './harness';

/** n8n's log level (AIHD_FAULTS_LOG_LEVEL, default info). */
const LOG_LEVEL = process.env.AIHD_FAULTS_LOG_LEVEL || 'info';
/** n8n's graceful shutdown timeout for the restart test, in seconds (AIHD_FAULTS_GRACEFUL_S, default 30). */
const GRACEFUL_S = Number(process.env.AIHD_FAULTS_GRACEFUL_S || 30);

// Made up per run: finding them anywhere means they leaked.
const SECRET = `faults-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
const API_KEY = `test-api-key-${Math.random().toString(36).slice(2, 10)}`;
const TRIGGER = 'AI HomeDesign Trigger';
const PLATFORM_RETRY = { attempts: 20, delaysMs: [500, 1000, 2000, 4000] };

const plain = loadWorkflow(FILES.triggerRecord, {
	id: 'aihdFaultsPlain01',
	name: 'faults: trigger with secret',
	pathSuffix: '-faults',
	trigger: { secret: SECRET },
});
const verified = loadWorkflow(FILES.triggerRecord, {
	id: 'aihdFaultsVerify1',
	name: 'faults: trigger with secret and Verify with API',
	pathSuffix: '-faults-verify',
	trigger: { secret: SECRET, verifyWithApi: true },
});
for (const node of verified.nodes) {
	if (node.name === TRIGGER) node.credentials = { aiHomeDesignApi: { ...SIMULATOR_CREDENTIAL } };
}

const nextId = objectIds({ seed: 0xe2efa });
const TOOLS = ['tool-virtual-staging', 'tool-day-to-dusk', 'tool-item-removal'];

function completion(index: number): IDataObject {
	const failed = index % 5 === 4;
	const assetId = nextId();
	return {
		event: 'process.completed',
		process_id: nextId(),
		order_id: nextId(),
		tool: TOOLS[index % TOOLS.length],
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

const keyOf = (body: IDataObject) => `${body.process_id}:${body.status}`;

/** Executions per `<process id>:<status>`, read back from the trigger's output through the public API. */
async function runsByKey(n8n: N8nInstance, workflowId: string) {
	const items = await executionItems(n8n, workflowId, TRIGGER);
	const runs = tally(items.map((e) => (e.json ? keyOf(e.json) : '(no item)')));
	return { items, runs };
}

function attemptFigures(deliveries: Delivery[]) {
	const failed = deliveries.flatMap((d) =>
		(d.attempts ?? [])
			.filter((a) => a.status < 200 || a.status >= 300)
			.map((a) => `${a.status === 0 ? (a.error ?? 'no answer') : a.status} ${d.tag ?? ''}`.trim()),
	);
	return tally(failed);
}

/** A staging process made on the simulator with this run's key, as the delivery the platform will send for it. */
function completionOfNewProcess(platform: RunningSimulator['platform']): IDataObject {
	const order = platform.handle(
		uploadRequest('/v3/order', [{ role: 'primary_angle' }], [], API_KEY),
	);
	const { order_id, assets } = (
		order.body as { data: { order_id: string; assets: Array<{ id: string }> } }
	).data;
	const res = platform.handle(
		request('POST', '/v3/process', { body: stagingBody(order_id, assets[0].id), key: API_KEY }),
	);
	const id = (res.body as { data: { process_ids: string[] } }).data.process_ids[0];
	return platform.completedEvents().find((e) => e.process_id === id) as unknown as IDataObject;
}

describe('fault suite in a real n8n: the AI HomeDesign Trigger under load, restarts and API faults', () => {
	let sim: RunningSimulator;
	let n8n: N8nInstance;
	let signedUrl: string;
	let signedVerifyUrl: string;
	let unsignedUrl: string;
	const acceptedBeforeRestart: IDataObject[] = [];

	beforeAll(async () => {
		sim = await startSimulator({
			platformOptions: {
				apiKey: API_KEY,
				processDurationMs: 0,
				generationLimit: false,
				pollMinIntervalMs: false,
			},
		});
		n8n = await startN8n({
			tarball: getPackedTarball(),
			workflows: [plain, verified],
			credentials: [simulatorCredential(sim.apiBaseUrl, { apiKey: API_KEY })],
			publishVia: 'api',
			// AIHD_FAULTS_LOG_LEVEL=debug makes the leak check cover debug lines too (slower: ~5 MB of log).
			// n8n's own default, 30 s (the harness shortens it to 10 s): how long a restart waits for running
			// executions. AIHD_FAULTS_GRACEFUL_S=10 shows what a 10-second stop (e.g. `docker stop`) does.
			env: {
				N8N_LOG_LEVEL: LOG_LEVEL,
				N8N_GRACEFUL_SHUTDOWN_TIMEOUT: String(GRACEFUL_S),
			},
			stopGraceMs: GRACEFUL_S * 1000 + 10000,
		});
		unsignedUrl = n8n.webhookUrl(triggerWebhookPath(plain));
		signedUrl = `${unsignedUrl}?secret=${encodeURIComponent(SECRET)}`;
		signedVerifyUrl = `${n8n.webhookUrl(triggerWebhookPath(verified))}?secret=${encodeURIComponent(SECRET)}`;
		// The production webhook registers just after start: wait until it answers (a refusal is fine; signed,
		// so that the answer cannot be the trigger's own 404 for a stranger).
		const deadline = Date.now() + 15000;
		const signedPath = `${triggerWebhookPath(plain)}?secret=${encodeURIComponent(SECRET)}`;
		while ((await n8n.callWebhook(signedPath, { body: {} })).status === 404) {
			if (Date.now() > deadline) throw new Error('the trigger webhook never registered');
			await sleep(250);
		}
	});

	afterAll(async () => {
		await sim?.stop();
		await n8n?.stop();
	});

	it('1,000 deliveries, 30% duplicates (half concurrent), + forged and malformed: one execution per completion, none for the rest', async () => {
		const UNIQUE = 700;
		const CONCURRENT = 150;
		const LATER = 150;
		const uniques = Array.from({ length: UNIQUE }, (_, i) => completion(i));
		const genuine = (body: IDataObject, tag: string): Delivery => ({
			url: signedUrl,
			body,
			tag,
			key: keyOf(body),
		});
		const groups: Array<Delivery | Delivery[]> = uniques.map((body, i) =>
			i < CONCURRENT
				? [genuine(body, 'original'), genuine(body, 'concurrent repeat')]
				: genuine(body, 'original'),
		);
		// Later repeats: each inserted some 20–120 places after its original.
		for (let i = 0; i < LATER; i++) {
			const index = CONCURRENT + ((i * 37) % (UNIQUE - CONCURRENT));
			const at = Math.min(groups.length, index + 20 + ((i * 53) % 100));
			groups.splice(at, 0, genuine(uniques[index], 'later repeat'));
		}
		// Forgeries (a completion nobody sent) and malformed input: not the platform, so not retried.
		const forged: Delivery[] = Array.from({ length: 50 }, (_, i) => ({
			url: i % 2 ? unsignedUrl : `${unsignedUrl}?secret=guess-${i}`,
			body: completion(i),
			tag: i % 2 ? 'forged: no secret' : 'forged: wrong secret',
			maxAttempts: 1,
		}));
		const bad: Array<[string, unknown, Record<string, string>?]> = [
			['malformed: invalid JSON', '{"event":"process.completed","process_id":'],
			['not handled: v1 (no event)', { ...completion(1), event: undefined }],
			['malformed: bad process id', { ...completion(1), process_id: 'abc' }],
			['malformed: status processing', { ...completion(1), status: 'processing' }],
			['malformed: empty object', {}],
			['malformed: text/plain', JSON.stringify(completion(1)), { 'content-type': 'text/plain' }],
			['malformed: over 256 KB', { ...completion(1), padding: 'x'.repeat(300 * 1024) }],
		];
		const malformed: Delivery[] = Array.from({ length: 50 }, (_, i) => {
			const [tag, body, headers] = bad[i % bad.length];
			return { url: signedUrl, body, headers, tag, maxAttempts: 1 };
		});
		[...forged, ...malformed].forEach((d, i) => groups.splice((i * 97) % groups.length, 0, d));

		const t0 = Date.now();
		const sent = await deliverAll(groups, { concurrency: 20, retry: PLATFORM_RETRY });
		const sendMs = Date.now() - t0;
		await waitForIdle(n8n, plain.id, { expected: UNIQUE, timeoutMs: 90000 });
		const { items, runs } = await runsByKey(n8n, plain.id);

		const genuineSent = sent.filter((d) => d.key);
		const dropped = genuineSent.filter((d) => /"started":false/.test(d.answer ?? '')).length;
		const attempts = sent.reduce((n, d) => n + (d.attempts?.length ?? 0), 0);
		report(
			'real n8n: 1,000 deliveries (700 completions, 150 concurrent + 150 later repeats) + 50 forged + 50 malformed',
			{
				'deliveries sent (first attempts)': sent.length,
				'HTTP requests incl. platform retries': attempts,
				'by kind': tally(sent.map((d) => (d.tag ?? '').replace(/:.*/, ''))),
				'send time (s)': sendMs / 1000,
				'executions started': items.length,
				'execution statuses': tally(items.map((e) => e.status)),
				'completions with exactly 1 execution': Object.values(runs).filter((n) => n === 1).length,
				'completions with 2+ executions': Object.values(runs).filter((n) => n > 1).length,
				'completions with no execution': uniques.filter((u) => !runs[keyOf(u)]).length,
				'duplicates dropped (200, started: false)': dropped,
				'non-2xx answers by kind': attemptFigures(sent),
			},
		);

		expect(uniques.map((u) => runs[keyOf(u)] ?? 0).every((n) => n === 1)).toBe(true);
		expect(items).toHaveLength(UNIQUE);
		expect(items.every((e) => e.status === 'success')).toBe(true);
		// Every repeat is dropped; a first copy whose answer the sender gave up waiting for (15 s, a loaded
		// machine) is re-sent like the platform does, and that retry is dropped too.
		const retriedOriginals = genuineSent.filter(
			(d) => !/repeat/.test(d.tag ?? '') && (d.attempts?.length ?? 0) > 1,
		).length;
		expect(dropped).toBeGreaterThanOrEqual(CONCURRENT + LATER);
		expect(dropped).toBeLessThanOrEqual(CONCURRENT + LATER + retriedOriginals);
		expect(genuineSent.every((d) => d.final === 200)).toBe(true);
		// Strangers get n8n's answer for a URL with no webhook: nothing says a secret is expected.
		for (const d of forged)
			expect({ tag: d.tag, final: d.final }).toEqual({ tag: d.tag, final: 404 });
		for (const d of malformed) {
			// A well-formed delivery of something else (v1) is acknowledged, so the platform stops resending it.
			const handled = !d.tag?.startsWith('not handled');
			expect({
				tag: d.tag,
				answer: handled
					? (d.final ?? 0) >= 400 && (d.final ?? 0) < 500
						? 'refused'
						: d.final
					: `${d.final} ${/"started":false/.test(d.answer ?? '') ? 'not started' : 'started?'}`,
			}).toEqual({ tag: d.tag, answer: handled ? 'refused' : '200 not started' });
		}
		acceptedBeforeRestart.push(...uniques.slice(0, 20));
	});

	it('n8n restarted while completions keep coming (5/s, retried on non-2xx): exactly once, except where n8n answered itself', async () => {
		// Sent at 5/s until TAIL completions went out after n8n was back, however long the restart takes on
		// this machine: the completions away from the restart window are then enough to judge.
		const INTERVAL_MS = 200;
		const TAIL = 100;
		const OUTSIDE_MIN = 80;
		const bodies: IDataObject[] = [];
		const deliveries: Delivery[] = [];
		let restartAt = 0;
		let restartMs = 0;
		let restartFailed = false;
		const restarting = sleep(5000).then(async () => {
			restartAt = Date.now();
			await n8n.restart();
			restartMs = Date.now() - restartAt;
		});
		restarting.catch(() => (restartFailed = true));
		const sending: Array<Promise<Delivery[]>> = [];
		const t0 = Date.now();
		let sentAfterRestart = 0;
		for (let i = 0; sentAfterRestart < TAIL && !restartFailed && i < 2000; i++) {
			await sleep(Math.max(0, t0 + i * INTERVAL_MS - Date.now()));
			const body = completion(i);
			const delivery: Delivery = { url: signedUrl, body, key: keyOf(body), tag: 'completion' };
			bodies.push(body);
			deliveries.push(delivery);
			if (restartMs > 0) sentAfterRestart++;
			sending.push(deliverPaced([delivery], { retry: PLATFORM_RETRY, timeoutMs: 15000 }));
		}
		await Promise.all([...sending, restarting]);
		const COUNT = deliveries.length;
		await waitForIdle(n8n, plain.id, { timeoutMs: 90000 });
		const { items, runs } = await runsByKey(n8n, plain.id);
		const perCompletion = bodies.map((b) => runs[keyOf(b)] ?? 0);
		const retried = deliveries.filter((d) => (d.attempts?.length ?? 0) > 1);
		// While migrating its database at start-up, n8n 2.41 answers every request itself with 200 and
		// this text (abstract-server.js); the trigger never sees such a delivery.
		const startingUp = (answer?: string) => (answer ?? '').startsWith('n8n is starting up');
		// The restart window: from the restart's start until the trigger answered again after n8n went down
		// (the old n8n may still answer a delivery or two while it begins to shut down).
		const answeredAfter = (from: number, ok: boolean) =>
			Math.min(
				...deliveries.flatMap((d) =>
					(d.attempts ?? [])
						.filter((a) => a.at > from && (a.status === 200 && !startingUp(a.answer)) === ok)
						.map((a) => a.at),
				),
			);
		const downAt = answeredAfter(restartAt, false);
		const backAt = answeredAfter(downAt, true);
		const touchedWindow = (d: Delivery) =>
			(d.attempts ?? []).some((a) => a.at >= restartAt - 2000 && a.at - a.ms <= backAt);
		const outside = deliveries.filter((d) => !touchedWindow(d));
		// A try that reached the old n8n while it shut down but got no 2xx: a 5xx, or the connection cut
		// (ECONNREFUSED means it never connected, so nothing can have started).
		const unansweredDuringShutdown = (d: Delivery) =>
			(d.attempts ?? []).some(
				(a) =>
					a.at >= restartAt &&
					a.at <= backAt &&
					(a.status >= 500 || (a.status === 0 && a.error !== 'ECONNREFUSED')),
			);
		const n8nDoubles = deliveries.filter((d) => (runs[d.key!] ?? 0) > 1);
		const lost = deliveries.filter((d) => (runs[d.key!] ?? 0) === 0);
		// Answered 200 by the trigger but ended by n8n's shutdown before its first step was saved: n8n marks
		// such an execution crashed (it has no trigger output, so it cannot be tied to its completion).
		const lostInShutdown = lost.filter((d) => !startingUp(d.answer));
		const crashed = items.filter((e) => !e.json && e.status !== 'success').length;
		const byKey = new Map(deliveries.map((d) => [d.key!, d]));
		const describe = (n: number) =>
			bodies
				.filter((b) => (runs[keyOf(b)] ?? 0) === n)
				.map((b) => {
					const delivery = byKey.get(keyOf(b));
					// When each attempt was answered, relative to the restart's start, and the last answer's body.
					const attempts = (delivery?.attempts ?? [])
						.map((a) => `${a.status || a.error}@${((a.at - restartAt) / 1000).toFixed(1)}s`)
						.join('→');
					return `${attempts} ${String(delivery?.answer ?? '').slice(0, 80)}`;
				});
		// Completions accepted before the restart, delivered again after it: n8n's memory of them is gone, so
		// each starts an execution, which the durable check ends at the trigger.
		const again = await deliverAll(
			acceptedBeforeRestart.map((body) => ({
				url: signedUrl,
				body,
				key: keyOf(body),
				tag: 'again',
			})),
			{ concurrency: 5 },
		);
		await waitForIdle(n8n, plain.id, { expected: items.length + again.length, timeoutMs: 30000 });
		const after = await runsByKey(n8n, plain.id);
		const reRun = acceptedBeforeRestart.filter((b) => (after.runs[keyOf(b)] ?? 0) > 1).length;
		const endedAtTrigger = (list: typeof items) => list.filter((e) => !e.json).length;

		report('real n8n: restart while completions keep coming', {
			'graceful shutdown timeout (s)': GRACEFUL_S,
			'completions sent (5/s)': COUNT,
			'  of them sent after n8n was back': sentAfterRestart,
			'restart took (s)': restartMs / 1000,
			'restart window, until the trigger answered again after n8n went down (s)':
				(backAt - restartAt) / 1000,
			'deliveries that needed retries': retried.length,
			'max attempts for one delivery': Math.max(...deliveries.map((d) => d.attempts?.length ?? 0)),
			'non-2xx answers by kind': attemptFigures(deliveries),
			'finally accepted (2xx)': deliveries.filter((d) => d.final === 200).length,
			'completions with exactly 1 execution': perCompletion.filter((n) => n === 1).length,
			'completions with 2+ executions': perCompletion.filter((n) => n > 1).length,
			'  of them 5xx or cut off by n8n while it shut down':
				n8nDoubles.filter(unansweredDuringShutdown).length,
			'completions with no execution': perCompletion.filter((n) => n === 0).length,
			'  of them answered 200 "n8n is starting up" by n8n': lost.length - lostInShutdown.length,
			'  of them answered by the trigger, near the restart':
				lostInShutdown.filter(touchedWindow).length,
			'executions ended by n8n before the trigger output was saved': crashed,
			'  their attempts (no execution)': tally(describe(0)),
			'  their attempts (2+ executions)': tally(describe(2)),
			'executions of this workflow by status': tally(items.map((e) => e.status)),
			'executions without trigger output': items.filter((e) => !e.json).length,
			'completions never near the shutdown window': outside.length,
			'  of them with exactly 1 execution': outside.filter((d) => runs[d.key!] === 1).length,
			'accepted before the restart, re-delivered after it, ran again': `${reRun} of ${again.length}`,
			'  their executions that ended at the trigger':
				endedAtTrigger(after.items) - endedAtTrigger(items),
		});

		expect(restartAt).toBeGreaterThan(0);
		expect(retried.length).toBeGreaterThan(0);
		// The platform gets a 2xx for every completion in the end (it retries until then).
		expect(deliveries.every((d) => d.final === 200)).toBe(true);
		// Away from the restart window, every completion ran exactly once.
		expect(sentAfterRestart).toBe(TAIL);
		expect(outside.length).toBeGreaterThanOrEqual(OUTSIDE_MIN);
		expect(outside.every((d) => runs[d.key!] === 1)).toBe(true);
		// Inside it, n8n 2.41 can answer 5xx or cut the connection after starting the execution (on shutdown
		// it drops 'new' executions from its bookkeeping; the platform then sends it again to the new
		// process): the durable check ends the second execution at the trigger once the first got past it
		// (none in the first run with it), so a double is allowed only there. n8n loses a completion when it
		// answers 200 "n8n is starting up" (the platform counts that as delivered); that never reaches the
		// trigger. Every other completion ran exactly once.
		expect(perCompletion.every((n) => n <= 2)).toBe(true);
		for (const delivery of n8nDoubles) expect(unansweredDuringShutdown(delivery)).toBe(true);
		// n8n also loses a completion when its shutdown ends an execution it already answered 200 for (seen on
		// a loaded machine); each such loss is near the restart and matched by an execution n8n ended early.
		expect(lostInShutdown.every(touchedWindow)).toBe(true);
		expect(lostInShutdown.length).toBeLessThanOrEqual(crashed);
		// Across the restart: what was accepted before it did not run again.
		expect(again.every((d) => d.final === 200)).toBe(true);
		expect(reRun).toBe(0);
		expect(endedAtTrigger(after.items) - endedAtTrigger(items)).toBe(again.length);
	});

	it('Verify with API under API faults: 503 with Retry-After and no execution, then exactly one after the retry', async () => {
		const platform = sim.platform;
		const newProcess = () => completionOfNewProcess(platform);
		const cases: Array<[string, () => void]> = [
			['API 500 ×2', () => (platform.faults.serverErrorBurst = { count: 2, status: 500 })],
			['API 503 ×2 (HTML)', () => (platform.faults.serverErrorBurst = { count: 2, status: 503 })],
			['API wrong-shape body ×2', () => (platform.faults.malformedBody = { count: 2 })],
			['API connection dropped ×2', () => (platform.faults.dropConnection = { count: 2 })],
			[
				'API 429, Retry-After 30',
				() => (platform.faults.rateLimitBurst = { count: 1, retryAfterSeconds: 30 }),
			],
		];
		const rows: Record<string, string> = {};
		for (const [what, arm] of cases) {
			const event = newProcess();
			arm();
			const [first] = await deliverAll([{ url: signedVerifyUrl, body: event }]);
			const [retry] = await deliverAll([{ url: signedVerifyUrl, body: event }]);
			rows[what] = `${first.final} → ${retry.final}`;
			expect({ what, first: first.final, retry: retry.final }).toEqual({
				what,
				first: 503,
				retry: 200,
			});
		}
		const forged = { ...newProcess(), process_id: nextId() };
		const [unknown] = await deliverAll([{ url: signedVerifyUrl, body: forged }]);
		rows['forged: unknown process id'] = String(unknown.final);
		// The same URL with a wrong secret: a stranger cannot tell the two apart.
		const [wrongSecret] = await deliverAll([
			{ url: signedVerifyUrl.replace(/secret=[^&]*/, 'secret=guess'), body: forged },
		]);
		rows['forged: wrong secret'] = String(wrongSecret.final);
		await waitForIdle(n8n, verified.id, { expected: cases.length, timeoutMs: 30000 });
		const { items, runs } = await runsByKey(n8n, verified.id);
		report('real n8n, Verify with API: API fault → first answer → answer to the platform’s retry', {
			...rows,
			'executions started': items.length,
			'verified items': items.filter((e) => e.json?.verified === true).length,
		});
		expect(unknown.final).toBe(404);
		expect(unknown.answer).toMatch(/is not registered/);
		expect(wrongSecret.final).toBe(404);
		expect(wrongSecret.answer).toBe(unknown.answer);
		expect(items).toHaveLength(cases.length);
		expect(Object.values(runs).every((n) => n === 1)).toBe(true);
		expect(items.every((e) => e.json?.verified === true)).toBe(true);
	});

	it('Verify with API under a flood (12 completions × 3 copies at once): at most 4 API reads at once, the rest 503; the retried deliveries start exactly one execution each', async () => {
		const platform = sim.platform;
		const before = (await runsByKey(n8n, verified.id)).items.length;
		const events = Array.from({ length: 12 }, () => completionOfNewProcess(platform));
		const SLOW_MS = 500;
		const readsBefore = platform.calls.length;
		platform.faults.slowMs = SLOW_MS; // each read takes 0.5 s, so the deliveries overlap them
		let sent: Awaited<ReturnType<typeof deliverAll>>;
		try {
			sent = await deliverAll(
				[events.flatMap((body) => [0, 1, 2].map(() => ({ url: signedVerifyUrl, body })))],
				{ concurrency: 36, retry: PLATFORM_RETRY },
			);
		} finally {
			platform.faults.slowMs = 0;
		}
		await waitForIdle(n8n, verified.id, { expected: before + events.length, timeoutMs: 30000 });
		const { items, runs } = await runsByKey(n8n, verified.id);
		const reads = platform.calls
			.slice(readsBefore)
			.filter((c) => c.method === 'GET' && c.path.startsWith('/v3/process/'));
		// Each read is answered SLOW_MS after the simulator handled it: reads handled within SLOW_MS of
		// one another were under way together (a lower bound of the peak).
		const peak = Math.max(
			0,
			...reads.map((r) => reads.filter((o) => o.at >= r.at && o.at < r.at + SLOW_MS).length),
		);
		const attempts = sent.flatMap((d) => d.attempts ?? []);
		const busy = attempts.filter((a) => a.status === 503);
		const capped = busy.filter((a) =>
			/too many deliveries are being verified at once/.test(a.answer ?? ''),
		);
		// On a loaded machine a read can also miss the trigger's deadline (503, "send it again later"), or the
		// sender give up on an answer; the platform's retry then reads once more.
		const retriedReads = attempts.filter(
			(a) => a.status === 0 || (a.status === 503 && !capped.includes(a)),
		);
		const mine = new Set(events.map((e) => String(e.process_id)));
		const flooded = Object.entries(runs).filter(([key]) => mine.has(key.split(':')[0]));
		report('real n8n, Verify with API: 12 completions × 3 copies at once, retried on non-2xx', {
			'deliveries (first attempts)': sent.length,
			'HTTP requests incl. retries': attempts.length,
			'answers by status': tally(attempts.map((a) => String(a.status))),
			'API status reads': reads.length,
			'503 for the cap / other 503 or no answer': `${capped.length} / ${retriedReads.length}`,
			'API reads at once (peak seen)': peak,
			'executions started': items.length - before,
		});

		expect(sent.every((d) => d.final === 200)).toBe(true);
		expect(capped.length).toBeGreaterThan(0);
		expect(
			retriedReads.every((a) => a.status === 0 || /send it again later/.test(a.answer ?? '')),
		).toBe(true);
		expect(peak).toBeLessThanOrEqual(4);
		// One read per completion: its copies shared it or were capped; more only where a read was retried.
		expect(reads.length).toBeGreaterThanOrEqual(events.length);
		expect(reads.length).toBeLessThanOrEqual(events.length + retriedReads.length);
		expect(flooded).toHaveLength(events.length);
		expect(flooded.every(([, n]) => n === 1)).toBe(true);
		expect(items.length - before).toBe(events.length);
	});

	it('neither the API key nor the secret appears in n8n’s log or in any execution', async () => {
		const executions = [
			...(await executionItems(n8n, plain.id, TRIGGER)),
			...(await executionItems(n8n, verified.id, TRIGGER)),
		];
		const logs = n8n.logs();
		const data = deepText(executions);
		report('real n8n: leak check', {
			'log level': LOG_LEVEL,
			'log size (KB)': Math.round(logs.length / 1024),
			'executions searched': executions.length,
			'API key in log': logs.includes(API_KEY) ? 'LEAKED' : 'no',
			'secret in log': logs.includes(SECRET) ? 'LEAKED' : 'no',
			'API key or secret in executions':
				data.includes(API_KEY) || data.includes(SECRET) ? 'LEAKED' : 'no',
		});
		expect(logs.includes(API_KEY)).toBe(false);
		expect(logs.includes(SECRET)).toBe(false);
		expect(data.includes(API_KEY)).toBe(false);
		expect(data.includes(SECRET)).toBe(false);
	});
});
