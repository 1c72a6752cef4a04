import { waitForProcesses } from '../../../../nodes/AiHomeDesign/polling/waitForProcesses';
import { executeContext } from '../../../support/n8n-context/execute';
import { FakeHttp } from '../../../support/http/fake-http';
import { FakeProcesses } from '../../../support/http/fake-processes';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';

let time: VirtualClock;
let http: FakeHttp;
let platform: FakeProcesses;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
	platform = new FakeProcesses(http, time.now);
});
afterEach(() => jest.restoreAllMocks());

const settings = { intervalMs: 5000, timeoutMs: 600_000 };

it('waits for 20 processes in one loop: about as long as the slowest, never polling one faster than every 5 s', async () => {
	const durations = Array.from({ length: 20 }, (_, i) => 10_000 + i * 6_000); // 10 s … 124 s
	const processes = durations.map((durationMs) => platform.add({ durationMs }));
	const outcomes = await waitForProcesses(
		executeContext({ http, params: {} }),
		processes.map((p) => ({ processId: p.id, settings })),
	);

	expect(
		[...outcomes.values()].every((o) => o.kind === 'finished' && o.snapshot.status === 'done'),
	).toBe(true);
	const slowest = Math.max(...durations);
	expect(time.elapsed()).toBeGreaterThanOrEqual(slowest);
	expect(time.elapsed()).toBeLessThanOrEqual(slowest + 5000);
	// Each process: one poll at start, then one per 5 s until done (ceil(duration / 5 s) + 1).
	const expectedPolls = durations.reduce((sum, d) => sum + Math.ceil(d / 5000) + 1, 0);
	expect(http.calls).toHaveLength(expectedPolls);
	expect(platform.tooFastPolls).toBe(0);
	for (const p of processes) {
		const gaps = p.polls.slice(1).map((t, i) => t - p.polls[i]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5000);
	}
});

it('raises an interval below 5 s to 5 s', async () => {
	const process = platform.add({ durationMs: 20_000 });
	await waitForProcesses(executeContext({ http, params: {} }), [
		{ processId: process.id, settings: { intervalMs: 1000, timeoutMs: 60_000 } },
	]);
	expect(process.polls).toEqual(
		[0, 5000, 10_000, 15_000, 20_000].map((t) => t + process.createdAt),
	);
});

it('keeps a longer interval that the user chose', async () => {
	const process = platform.add({ durationMs: 20_000 });
	await waitForProcesses(executeContext({ http, params: {} }), [
		{ processId: process.id, settings: { intervalMs: 15_000, timeoutMs: 60_000 } },
	]);
	expect(process.polls.map((t) => t - process.createdAt)).toEqual([0, 15_000, 30_000]);
});

it('gives up at the timeout with the last status seen, while the others finish', async () => {
	const stuck = platform.add({ durationMs: Infinity });
	const quick = platform.add({ durationMs: 10_000 });
	const outcomes = await waitForProcesses(executeContext({ http, params: {} }), [
		{ processId: stuck.id, settings: { intervalMs: 5000, timeoutMs: 30_000 } },
		{ processId: quick.id, settings: { intervalMs: 5000, timeoutMs: 30_000 } },
	]);
	expect(outcomes.get(stuck.id)).toMatchObject({
		kind: 'timeout',
		lastSeen: { status: 'processing' },
		waitedMs: 30_000,
	});
	expect(outcomes.get(quick.id)).toMatchObject({ kind: 'finished' });
	expect(time.elapsed()).toBe(30_000);
});

it('stops promptly when the execution is cancelled', async () => {
	const controller = new AbortController();
	const process = platform.add({ durationMs: Infinity });
	const context = executeContext({ http, params: {}, signal: controller.signal });
	const run = waitForProcesses(
		context,
		[{ processId: process.id, settings: { intervalMs: 5000, timeoutMs: 3_600_000 } }],
		controller.signal,
	);
	const abortAfter = 3;
	const check = async () => {
		while (process.polls.length < abortAfter) await Promise.resolve();
		controller.abort();
	};
	await Promise.all([expect(run).rejects.toThrow(/cancelled/), check()]);
	expect(process.polls.length).toBeLessThanOrEqual(abortAfter + 1);
	expect(time.elapsed()).toBeLessThan(30_000);
});

it("reports an unknown process as that item's error without stopping the others", async () => {
	const known = platform.add({ durationMs: 5000 });
	const outcomes = await waitForProcesses(executeContext({ http, params: {} }), [
		{ processId: '000000000000000000000000', settings },
		{ processId: known.id, settings },
	]);
	const unknown = outcomes.get('000000000000000000000000');
	expect(unknown?.kind).toBe('error');
	expect(unknown?.kind === 'error' && unknown.error.message).toMatch(/was not found/);
	expect(outcomes.get(known.id)?.kind).toBe('finished');
});
