/**
 * Trigger ingestion in a real n8n: deliveries/s and answer times at 1, 10 and 50 concurrent senders, the
 * AI HomeDesign Trigger against n8n's built-in Webhook node and a do-nothing community trigger, same
 * instance, same payload; with n8n's default expression engine, then with the legacy one.
 */

import { countExecutions, waitForIdle, type N8nInstance } from '../e2e/harness';
import type { Benchmark, BenchContext } from './benchmark';
import {
	BUILTIN_PATH,
	BUILTIN_WORKFLOW,
	NULL_PATH,
	NULL_WORKFLOW,
	TRIGGER_PATH,
	TRIGGER_WORKFLOW,
} from './fixtures';
import { closedLoop, combineRuns, type ClosedLoopRun, type TargetFigures } from './closed-loop';
import { fmt, pass, type Table } from './table';

const LEVELS = [1, 10, 50];
/** The platform gives up on a delivery after 10 s; half of it is the bar for p99. */
const PLATFORM_LIMIT_MS = 10_000;

type TargetKey = 'trigger' | 'builtin' | 'nullTrigger';

interface Target {
	key: TargetKey;
	name: string;
	url: string;
	workflowId: string;
}

export interface EnginePass {
	engine: 'vm' | 'legacy';
	levels: Array<{ senders: number } & Record<TargetKey, TargetFigures>>;
	/** Executions recorded per workflow by the end of this pass (warm-up and earlier passes included). */
	executions: Record<TargetKey, number>;
}

export interface IngestionFigures {
	runMs: number;
	passes: EnginePass[];
}

/** Every target at every level, in A B C C B A order per level so that drift hits all alike. */
async function measurePass(
	n8n: N8nInstance,
	targets: Target[],
	runMs: number,
	step: BenchContext['step'],
): Promise<EnginePass['levels']> {
	for (const t of targets) await closedLoop([t.url], 10, 2000); // warm-up
	for (const t of targets) await waitForIdle(n8n, t.workflowId, { timeoutMs: 60000 });
	const levels: EnginePass['levels'] = [];
	for (const senders of LEVELS) {
		const runs = Object.fromEntries(targets.map((t) => [t.key, [] as ClosedLoopRun[]])) as Record<
			TargetKey,
			ClosedLoopRun[]
		>;
		for (const t of [...targets, ...[...targets].reverse()]) {
			const r = await closedLoop([t.url], senders, runMs);
			runs[t.key].push(r);
			await waitForIdle(n8n, t.workflowId, { timeoutMs: 120000 });
			step(
				`   ${senders} senders, ${t.name}: ${r.latencies.length} in ${r.elapsedMs} ms, errors ${JSON.stringify(r.errors)}`,
			);
		}
		levels.push({
			senders,
			trigger: combineRuns(runs.trigger),
			builtin: combineRuns(runs.builtin),
			nullTrigger: combineRuns(runs.nullTrigger),
		});
	}
	return levels;
}

const errs = (e: Record<string, number>) => (Object.keys(e).length ? JSON.stringify(e) : '0');
const p50p99 = (f: TargetFigures) => `${fmt(f.p50Ms, 0)} / ${fmt(f.p99Ms, 0)}`;

function table(p: EnginePass, runMs: number, n8nVersion: string, nodeVersion: string): Table {
	const engineNote =
		p.engine === 'vm'
			? "default expression engine ('vm')"
			: "N8N_EXPRESSION_ENGINE=legacy (the 'vm' engine takes an isolate per webhook call for every node but n8n's own Webhook)";
	return {
		title:
			p.engine === 'vm'
				? 'Trigger ingestion in a real n8n, default settings (deliveries/s; answer time ms)'
				: 'Trigger ingestion in a real n8n, legacy expression engine (deliveries/s; answer time ms)',
		notes: [
			`n8n ${n8nVersion} on Node ${nodeVersion}, SQLite, ${engineNote}, one instance, all workflows published, each trigger followed by a NoOp.`,
			`${runMs / 1000} s closed-loop runs per node and level, in A B C C B A order, keep-alive; answer time = request sent → answer read.`,
			'Same payload everywhere: a ~400-byte process.completed body with a new process id each time, so every delivery starts an execution.',
			'AI HomeDesign Trigger as published by default: no secret, no filters, no Verify with API.',
			'null = a community webhook node that does nothing (test/bench/reference-nodes): what n8n costs any node that is not its own.',
			`Executions recorded so far (warm-up and earlier passes included): trigger ${p.executions.trigger}, built-in ${p.executions.builtin}, null ${p.executions.nullTrigger}.`,
		],
		headers: [
			'senders',
			'trigger /s',
			'built-in /s',
			'null /s',
			'trigger/built-in',
			'trigger/null',
			'trigger p50/p99',
			'built-in p50/p99',
			'null p50/p99',
			'errors T/B/N',
			'bar: ≥ 0.9 × built-in; p99 < 5 s',
		],
		rows: p.levels.map((l) => {
			const ratio = l.trigger.rate / l.builtin.rate;
			return [
				String(l.senders),
				fmt(l.trigger.rate, 1),
				fmt(l.builtin.rate, 1),
				fmt(l.nullTrigger.rate, 1),
				fmt(ratio, 2),
				fmt(l.trigger.rate / l.nullTrigger.rate, 2),
				p50p99(l.trigger),
				p50p99(l.builtin),
				p50p99(l.nullTrigger),
				`${errs(l.trigger.errors)} / ${errs(l.builtin.errors)} / ${errs(l.nullTrigger.errors)}`,
				`ratio ${pass(ratio >= 0.9)}; p99 ${fmt(l.trigger.p99Ms / 1000, 2)} s of 10 s ${pass(l.trigger.p99Ms < PLATFORM_LIMIT_MS / 2)}`,
			];
		}),
	};
}

export const ingestion: Benchmark<IngestionFigures> = {
	name: 'ingestion',
	needsN8n: true,
	async run({ quick, step, n8n: bench }) {
		if (!bench) throw new Error('ingestion needs the benchmarks n8n');
		const { n8n } = bench;
		const runMs = quick ? 3000 : 6000;
		const targets: Target[] = [
			{
				key: 'trigger',
				name: 'AI HomeDesign Trigger',
				url: n8n.webhookUrl(TRIGGER_PATH),
				workflowId: TRIGGER_WORKFLOW.id as string,
			},
			{
				key: 'builtin',
				name: "n8n's Webhook",
				url: n8n.webhookUrl(BUILTIN_PATH),
				workflowId: BUILTIN_WORKFLOW.id as string,
			},
			{
				key: 'nullTrigger',
				name: 'null trigger',
				url: n8n.webhookUrl(NULL_PATH),
				workflowId: NULL_WORKFLOW.id as string,
			},
		];
		const passes: EnginePass[] = [];
		for (const engine of ['vm', 'legacy'] as const) {
			step(`trigger ingestion in a real n8n, expression engine ${engine}`);
			// The first pass runs on the n8n just started with its defaults.
			if (engine === 'legacy') await n8n.restart({ env: { N8N_EXPRESSION_ENGINE: engine } });
			const levels = await measurePass(n8n, targets, runMs, step);
			const executions = {} as EnginePass['executions'];
			for (const t of targets) executions[t.key] = await countExecutions(n8n, t.workflowId);
			passes.push({ engine, levels, executions });
		}
		const { n8nVersion, nodeVersion } = n8n.runtime;
		return {
			figures: { runMs, passes },
			tables: passes.map((p) => table(p, runMs, n8nVersion, nodeVersion)),
		};
	},
};
