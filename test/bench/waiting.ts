/**
 * Waiting on many processes: Process → Create with Wait for Completion (the node's TypeScript source, run
 * by tsx) against the real HTTP simulator, through n8n-core's request helpers. Wall time against the
 * slowest process, and status requests against the fewest the 5-second rule allows; the same for a
 * one-at-a-time loop.
 */
import type { INodeExecutionData } from 'n8n-workflow';

// `.node.js`, which tsx maps to the .ts source: plain `.node` resolves to the codex file AiHomeDesign.node.json.
import { AiHomeDesign } from '../../nodes/AiHomeDesign/AiHomeDesign.node.js';
import { MIN_POLL_INTERVAL_MS } from '../../nodes/AiHomeDesign/shared/constants';
import { startSimulator } from '../simulator/http-server';
import { Platform } from '../simulator/platform';
import { AUTHENTICATE, TEST_API_KEY } from '../support/credentials';
import { n8nCoreHttp } from '../support/http/n8n-core-http';
import { createExecuteContext } from '../support/n8n-context/execute';
import { TEST_NODE } from '../support/n8n-context/nodes';
import { installClock } from '../support/time/package-clock';
import { createRealClock } from '../support/time/real-clock';
import { createVirtualClock } from '../support/time/virtual-clock';
import type { Benchmark } from './benchmark';
import { makeOrder } from './fixtures';
import { fmt, pass } from './table';

type Mode = 'batched' | 'one at a time';

export interface WaitScenario {
	n: number;
	/** batched: every process created and waited on by one execution; one at a time: one per item in turn. */
	mode: Mode;
	clock: 'virtual' | 'real';
	wallMs: number;
	/** Wall-clock time the run took on this machine. */
	realMs: number;
	slowestMs: number;
	sumMs: number;
	polls: number;
	/** ceil(duration / 5 s) per process, summed. */
	minPolls: number;
	/** Status requests answered 429. */
	refused: number;
	done: number;
}

export interface WaitingFigures {
	scenarios: WaitScenario[];
}

/** `n` durations evenly over [minMs, maxMs] (one process: the longest). */
function spread(n: number, minMs: number, maxMs: number): number[] {
	if (n === 1) return [maxMs];
	return Array.from({ length: n }, (_, i) => Math.round(minMs + ((maxMs - minMs) * i) / (n - 1)));
}

/** The bar a batched wait must meet: the slowest process plus 10%, plus one poll interval. */
const barMs = (s: WaitScenario) => 1.1 * s.slowestMs + MIN_POLL_INTERVAL_MS;
const passes = (s: WaitScenario) =>
	s.done === s.n && (s.mode === 'one at a time' || s.wallMs <= barMs(s));

async function waitScenario(
	n: number,
	mode: Mode,
	clockKind: WaitScenario['clock'],
): Promise<WaitScenario> {
	const durations = spread(n, 5000, 30000);
	const time = clockKind === 'real' ? createRealClock() : createVirtualClock();
	const restoreClock = installClock(time);
	const platform = new Platform({
		apiKey: TEST_API_KEY,
		clock: { now: () => time.now() },
		publicBaseUrl: '',
		processDurationMs: (run) => durations[run.index],
		generationLimit: false,
	});
	const sim = await startSimulator({ platform });
	const http = n8nCoreHttp({ authenticate: AUTHENTICATE, time });
	const orders = durations.map(() => makeOrder(platform));
	const callsBefore = platform.calls.length;
	const params = (i: number) => ({
		resource: 'process',
		operation: 'create',
		orderId: orders[i].orderId,
		tool: 'tool-virtual-staging',
		assetMap: {
			inputs: [{ slot: 'tool-virtual-staging-input-image', assetId: orders[i].assetId }],
		},
		space: 'living-room',
		style: 'modern',
		waitForCompletion: true,
		waitOptions: {},
		resultFiles: 'none',
	});
	const execute = async (indexes: number[]): Promise<INodeExecutionData[]> => {
		const { context } = createExecuteContext({
			node: TEST_NODE,
			http,
			baseUrl: sim.apiBaseUrl,
			params: (itemIndex) => params(indexes[itemIndex]),
			items: indexes.map((i) => ({ json: { i } })),
		});
		const [out] = await new AiHomeDesign().execute.call(context);
		return out;
	};
	const t0 = time.now();
	const r0 = Date.now();
	const out: INodeExecutionData[] = [];
	try {
		if (mode === 'batched') out.push(...(await execute(durations.map((_, i) => i))));
		else for (let i = 0; i < n; i++) out.push(...(await execute([i])));
	} finally {
		await sim.stop();
		restoreClock();
	}
	const calls = platform.calls.slice(callsBefore);
	const polls = calls.filter((c) => c.method === 'GET' && c.path.startsWith('/v3/process/'));
	return {
		n,
		mode,
		clock: clockKind,
		wallMs: time.now() - t0,
		realMs: Date.now() - r0,
		slowestMs: Math.max(...durations),
		sumMs: durations.reduce((a, b) => a + b, 0),
		polls: polls.length,
		minPolls: durations.reduce((s, d) => s + Math.ceil(d / MIN_POLL_INTERVAL_MS), 0),
		refused: polls.filter((c) => c.status === 429).length,
		done: out.filter((item) => item.json.status === 'done').length,
	};
}

function row(s: WaitScenario): string[] {
	const batched = s.mode === 'batched';
	return [
		`${s.n} × ${batched ? 'this node (one loop)' : 'one at a time (peers)'}`,
		s.clock,
		fmt(s.wallMs / 1000, s.clock === 'real' ? 1 : 0),
		fmt(s.slowestMs / 1000, 0),
		fmt(s.wallMs / s.slowestMs, 2),
		batched
			? `≤ ${fmt(barMs(s) / 1000, 0)} s: ${pass(passes(s))}`
			: `Σ durations ${fmt(s.sumMs / 1000, 0)} s`,
		fmt(s.polls / s.n, 2),
		fmt(s.minPolls / s.n, 2),
		fmt(s.polls / s.minPolls, 2),
		String(s.refused),
		`${s.done}/${s.n}`,
		fmt(s.realMs / 1000, 1),
	];
}

export const waiting: Benchmark<WaitingFigures> = {
	name: 'waiting',
	needsN8n: false,
	async run({ quick, step }) {
		step('waiting on many processes');
		const plan: Array<[number, Mode, WaitScenario['clock']]> = [];
		for (const n of [1, 10, 50])
			for (const mode of ['batched', 'one at a time'] as const) plan.push([n, mode, 'virtual']);
		// One run in real time checks that the virtual clock tells the truth (30 s of waiting).
		if (!quick) plan.push([10, 'batched', 'real']);
		const scenarios: WaitScenario[] = [];
		for (const [n, mode, clock] of plan) {
			const s = await waitScenario(n, mode, clock);
			scenarios.push(s);
			step(
				`   ${n} ${mode}, ${clock} clock: ${fmt(s.wallMs / 1000, 1)} s, ${s.polls} polls, ${s.refused} refused`,
			);
		}
		return {
			figures: { scenarios },
			tables: [
				{
					title:
						'Waiting on many processes (Process → Create with Wait for Completion, real node code, real HTTP simulator)',
					notes: [
						'Durations spread evenly over 5–30 s; all processes created by one execution; poll interval 5 s (the platform minimum).',
						'virtual = a discrete-event clock shared by node and simulator (time jumps when no request is in flight); real = wall clock.',
						'"one at a time" = the same node run once per item in turn (create, wait, next), as one-at-a-time nodes do.',
						'min polls = ceil(duration / 5 s) per process: the fewest status requests that see it done within 5 s, never polling faster.',
					],
					headers: [
						'scenario',
						'clock',
						'wall s',
						'slowest s',
						'wall/slowest',
						'bar (1.1×slowest + 5 s)',
						'polls/process',
						'min/process',
						'ratio',
						'429s',
						'done',
						'real s',
					],
					rows: scenarios.map(row),
				},
			],
		};
	},
};
