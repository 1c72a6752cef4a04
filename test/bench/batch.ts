/**
 * A batch at the platform's pace: 100 photos in one Run Tool on Image execution (the node's TypeScript
 * source, run by tsx) against the simulator's documented limit of 10 processes per 10 minutes, through
 * n8n-core's request helpers, on a virtual clock. Virtual wall time against the platform's bound, 429s,
 * status requests per process, and the real time the run took.
 */
import type { INodeExecutionData } from 'n8n-workflow';

// `.node.js`, which tsx maps to the .ts source: plain `.node` resolves to the codex file AiHomeDesign.node.json.
import { AiHomeDesign } from '../../nodes/AiHomeDesign/AiHomeDesign.node.js';
import { MIN_POLL_INTERVAL_MS } from '../../nodes/AiHomeDesign/shared/constants';
import { startSimulator } from '../simulator/http-server';
import { RUN_TOOL } from '../faults/setup';
import { makeJpeg, Platform } from '../simulator/platform';
import { request } from '../simulator/requests';
import { stagingBody } from '../simulator/tools';
import { AUTHENTICATE, TEST_API_KEY } from '../support/credentials';
import { n8nCoreHttp } from '../support/http/n8n-core-http';
import { createExecuteContext } from '../support/n8n-context/execute';
import { TEST_NODE } from '../support/n8n-context/nodes';
import { installClock } from '../support/time/package-clock';
import { createVirtualClock } from '../support/time/virtual-clock';
import type { Benchmark } from './benchmark';
import { makeOrder } from './fixtures';
import { fmt, pass } from './table';

const MINUTE = 60_000;
const LIMIT = { max: 10, windowMs: 10 * MINUTE };
/** How long each simulated process runs. */
const PROCESS_MS = 60_000;

export interface BatchScenario {
	photos: number;
	/** Slots of the window used by another workflow on the account just before the batch. */
	usedElsewhere: number;
	done: number;
	processes: number;
	/** Virtual time from the start of the execution to its output. */
	wallMs: number;
	/** The platform's floor: the last create's window start, plus one process run. */
	boundMs: number;
	refused: number;
	pollsPerProcess: number;
	maxPollsPerProcess: number;
	minPollGapMs: number;
	realMs: number;
}

export interface BatchFigures {
	scenarios: BatchScenario[];
}

/** Windows before the last of `photos` creates can start, when `usedElsewhere` slots are taken at 0. */
function boundMs(photos: number, usedElsewhere: number): number {
	return Math.floor((photos + usedElsewhere - 1) / LIMIT.max) * LIMIT.windowMs + PROCESS_MS;
}

/** The bar: the bound plus the first poll and one poll interval. */
const barMs = (s: BatchScenario) => s.boundMs + 2 * MIN_POLL_INTERVAL_MS;
const passes = (s: BatchScenario) =>
	s.done === s.photos && s.processes === s.photos + s.usedElsewhere && s.wallMs <= barMs(s);

function photoItems(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({
		json: { listing: i },
		binary: {
			data: {
				data: makeJpeg({ level: 20 + (i % 200), label: `batch photo ${i}` }).toString('base64'),
				mimeType: 'image/jpeg',
				fileName: `room-${i}.jpg`,
			},
		},
	}));
}

async function batchScenario(photos: number, usedElsewhere: number): Promise<BatchScenario> {
	const time = createVirtualClock();
	const restoreClock = installClock(time);
	const platform = new Platform({
		apiKey: TEST_API_KEY,
		clock: { now: () => time.now() },
		publicBaseUrl: '',
		processDurationMs: PROCESS_MS,
		generationLimit: LIMIT,
		pollMinIntervalMs: MIN_POLL_INTERVAL_MS,
	});
	for (let i = 0; i < usedElsewhere; i++) {
		const order = makeOrder(platform);
		platform.handle(
			request('POST', '/v3/process', {
				body: stagingBody(order.orderId, order.assetId),
				key: TEST_API_KEY,
			}),
		);
	}
	const sim = await startSimulator({ platform });
	const http = n8nCoreHttp({ authenticate: AUTHENTICATE, time });
	const { context } = createExecuteContext({
		node: TEST_NODE,
		http,
		baseUrl: sim.apiBaseUrl,
		apiKey: TEST_API_KEY,
		params: RUN_TOOL,
		items: photoItems(photos),
		keepBinary: false,
	});
	const t0 = time.now();
	const r0 = Date.now();
	let out: INodeExecutionData[] = [];
	try {
		[out] = await new AiHomeDesign().execute.call(context);
	} finally {
		await sim.stop();
		restoreClock();
	}
	const pollCounts = platform.processes().map((p) => p.pollTimes.length);
	let minGap = Infinity;
	for (const p of platform.processes())
		for (let i = 1; i < p.pollTimes.length; i++)
			minGap = Math.min(minGap, p.pollTimes[i] - p.pollTimes[i - 1]);
	return {
		photos,
		usedElsewhere,
		done: out.filter((item) => item.json.status === 'done' && !item.json.error).length,
		processes: platform.processes().length,
		wallMs: time.now() - t0,
		boundMs: boundMs(photos, usedElsewhere),
		refused: platform.calls.filter((c) => c.path === '/v3/process' && c.status === 429).length,
		pollsPerProcess: pollCounts.reduce((a, b) => a + b, 0) / Math.max(1, pollCounts.length),
		maxPollsPerProcess: Math.max(0, ...pollCounts),
		minPollGapMs: minGap,
		realMs: Date.now() - r0,
	};
}

function row(s: BatchScenario): string[] {
	return [
		`${s.photos} photos${s.usedElsewhere ? `, ${s.usedElsewhere} slots used elsewhere` : ''}`,
		`${s.done}/${s.photos}`,
		String(s.processes),
		fmt(s.wallMs / MINUTE, 1),
		fmt(s.boundMs / MINUTE, 1),
		`≤ ${fmt(barMs(s) / MINUTE, 1)}: ${pass(passes(s))}`,
		String(s.refused),
		`${fmt(s.pollsPerProcess, 2)} (max ${s.maxPollsPerProcess})`,
		Number.isFinite(s.minPollGapMs) ? fmt(s.minPollGapMs / 1000, 0) : '-',
		fmt(s.realMs / 1000, 1),
	];
}

export const batch: Benchmark<BatchFigures> = {
	name: 'batch',
	needsN8n: false,
	async run({ quick, step }) {
		step('a batch at the platform pace');
		const plan: Array<[number, number]> = quick
			? [[100, 0]]
			: [
					[100, 0],
					[100, 5],
				];
		const scenarios: BatchScenario[] = [];
		for (const [photos, usedElsewhere] of plan) {
			const s = await batchScenario(photos, usedElsewhere);
			scenarios.push(s);
			step(
				`   ${photos} photos, ${usedElsewhere} used elsewhere: ${fmt(s.wallMs / MINUTE, 1)} virtual min, ${s.refused} 429s, ${fmt(s.realMs / 1000, 1)} s real`,
			);
		}
		return {
			figures: { scenarios },
			tables: [
				{
					title:
						'A batch at the platform pace (Run Tool on Image, one execution, real node code, real HTTP simulator)',
					notes: [
						'Simulator limit: 10 processes per 10 minutes, a sliding window (the documented limit); each process runs 60 s; default node settings.',
						'Virtual clock shared by node and simulator: 90 minutes of platform time run in seconds.',
						'bound = the platform floor: the window in which the last create can start, plus one process run.',
						'"slots used elsewhere": processes another workflow on the account started just before the batch.',
					],
					headers: [
						'scenario',
						'done',
						'processes',
						'virtual min',
						'bound min',
						'bar (bound + 10 s)',
						'429s',
						'polls/process',
						'min poll gap s',
						'real s',
					],
					rows: scenarios.map(row),
				},
			],
		};
	},
};
