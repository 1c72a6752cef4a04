/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
/**
 * Trigger ingestion in n8n's queue mode (main, 2 workers, 2 webhook processes, Redis and Postgres of its
 * own; test/e2e/harness/queue): deliveries/s and answer times at 1, 10, 50 and 100 concurrent senders,
 * sent to one webhook process and then spread over two, for the AI HomeDesign Trigger, n8n's built-in
 * Webhook node and a do-nothing community trigger, same cluster, same payload. A webhook process answers
 * once the execution is enqueued; after each run the workers' drain of the queue is timed too.
 */
import fs from 'node:fs';
import path from 'node:path';

import {
	drainQueue,
	packPackage,
	startQueueCluster,
	systemServicesOrSkip,
	TARBALL_ENV,
	type QueueCluster,
} from '../e2e/harness';
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
import { compileReferenceNodes } from './reference-nodes/compile';
import { fmt, type Table } from './table';

const LEVELS = [1, 10, 50, 100];
const WORKERS = 2;
const WORKER_CONCURRENCY = 10;

type TargetKey = 'trigger' | 'builtin' | 'nullTrigger';

const TARGETS: Array<{ key: TargetKey; name: string; path: string }> = [
	{ key: 'trigger', name: 'AI HomeDesign Trigger', path: TRIGGER_PATH },
	{ key: 'builtin', name: "n8n's Webhook", path: BUILTIN_PATH },
	{ key: 'nullTrigger', name: 'null trigger', path: NULL_PATH },
];

export interface QueueTargetFigures extends TargetFigures {
	/** Deliveries per second from the first sent to the queue empty again (ingestion + workers). */
	endToEndRate: number;
}

export interface QueueIngestionFigures {
	runMs: number;
	workers: number;
	workerConcurrency: number;
	setups: Array<{
		webhookProcesses: number;
		levels: Array<{ senders: number } & Record<TargetKey, QueueTargetFigures>>;
	}>;
}

type Run = ClosedLoopRun & { drainMs: number };

function combine(runs: Run[]): QueueTargetFigures {
	const allMs = runs.reduce((sum, r) => sum + r.elapsedMs + r.drainMs, 0);
	const figures = combineRuns(runs);
	return { ...figures, endToEndRate: (figures.ok * 1000) / allMs };
}

async function measureSetup(
	cluster: QueueCluster,
	webhookProcesses: number,
	runMs: number,
	quick: boolean,
	step: BenchContext['step'],
): Promise<QueueIngestionFigures['setups'][number]> {
	const receivers = cluster.webhooks.slice(0, webhookProcesses);
	const urls = (path: string) => receivers.map((w) => w.webhookUrl(path));
	for (const t of TARGETS) await closedLoop(urls(t.path), 10, 1500); // warm-up
	await drainQueue(cluster);
	const levels: QueueIngestionFigures['setups'][number]['levels'] = [];
	// A B C C B A per level so that drift hits all alike; --quick: A B C.
	const order = quick ? TARGETS : [...TARGETS, ...[...TARGETS].reverse()];
	for (const senders of LEVELS) {
		const runs = { trigger: [], builtin: [], nullTrigger: [] } as Record<TargetKey, Run[]>;
		for (const t of order) {
			const r = await closedLoop(urls(t.path), senders, runMs);
			const drainMs = await drainQueue(cluster);
			runs[t.key].push({ ...r, drainMs });
			step(
				`   ${webhookProcesses} webhook process(es), ${senders} senders, ${t.name}: ${r.latencies.length} in ${r.elapsedMs} ms, ` +
					`queue drained ${drainMs} ms later, errors ${JSON.stringify(r.errors)}`,
			);
		}
		levels.push({
			senders,
			trigger: combine(runs.trigger),
			builtin: combine(runs.builtin),
			nullTrigger: combine(runs.nullTrigger),
		});
	}
	return { webhookProcesses, levels };
}

const errs = (e: Record<string, number>) => (Object.keys(e).length ? JSON.stringify(e) : '0');
const rateP99 = (f: QueueTargetFigures) => `${fmt(f.rate, 1)} (${fmt(f.p99Ms, 0)})`;

function table(
	s: QueueIngestionFigures['setups'][number],
	f: QueueIngestionFigures,
	versions: string,
): Table {
	return {
		title: `Trigger ingestion in queue mode, ${s.webhookProcesses} webhook process${s.webhookProcesses > 1 ? 'es' : ''} (deliveries/s (p99 answer ms))`,
		notes: [
			`${versions}, Postgres and Redis on the same machine; 1 main, ${f.workers} workers (concurrency ${f.workerConcurrency}), deliveries straight to the webhook process port${s.webhookProcesses > 1 ? 's, senders spread evenly' : ''}.`,
			`${f.runMs / 1000} s closed-loop runs per node and level, keep-alive; a webhook process answers once the execution is enqueued.`,
			'end-to-end /s: answered deliveries over the time from the first sent to the queue empty again (what the workers keep up with).',
			'Same payload everywhere (a ~400-byte process.completed body, new process id each time); each trigger is followed by a NoOp.',
			'AI HomeDesign Trigger as published by default (no secret, no filters, no Verify with API, no Strict Duplicate Check).',
		],
		headers: [
			'senders',
			'trigger',
			'built-in',
			'null',
			'trigger/built-in',
			'end-to-end /s T/B/N',
			'errors T/B/N',
		],
		rows: s.levels.map((l) => [
			String(l.senders),
			rateP99(l.trigger),
			rateP99(l.builtin),
			rateP99(l.nullTrigger),
			fmt(l.trigger.rate / l.builtin.rate, 2),
			`${fmt(l.trigger.endToEndRate, 1)} / ${fmt(l.builtin.endToEndRate, 1)} / ${fmt(l.nullTrigger.endToEndRate, 1)}`,
			`${errs(l.trigger.errors)} / ${errs(l.builtin.errors)} / ${errs(l.nullTrigger.errors)}`,
		]),
	};
}

export const queueIngestion: Benchmark<QueueIngestionFigures> = {
	name: 'queue-ingestion',
	// It starts a cluster of its own.
	needsN8n: false,
	async run({ quick, step }) {
		const services = systemServicesOrSkip('the queue-ingestion benchmark');
		if (!services) throw new Error('queue-ingestion needs Redis and Postgres (see above)');
		const given = process.env[TARBALL_ENV];
		if (!given) step('building and packing the package (npm run build, npm pack)');
		const tarball = given ?? packPackage();
		const nodes = compileReferenceNodes();
		let cluster: QueueCluster | undefined;
		try {
			step('starting n8n in queue mode: Redis, Postgres, main, 2 workers, 2 webhook processes');
			cluster = await startQueueCluster({
				services,
				tarball,
				workflows: [TRIGGER_WORKFLOW, BUILTIN_WORKFLOW, NULL_WORKFLOW],
				workers: WORKERS,
				workerConcurrency: WORKER_CONCURRENCY,
				webhooks: 2,
				env: {
					N8N_LOG_LEVEL: 'warn',
					N8N_CUSTOM_EXTENSIONS: nodes.dir,
					// The executions list is not what is measured; keeping every run would grow Postgres.
					EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
				},
			});
			const unpublished = Object.entries(cluster.main.activation).filter(
				([, st]) => st.status !== 'published',
			);
			if (unpublished.length)
				throw new Error(`workflows not published: ${JSON.stringify(unpublished)}`);
			const runMs = quick ? 2000 : 5000;
			const figures: QueueIngestionFigures = {
				runMs,
				workers: WORKERS,
				workerConcurrency: WORKER_CONCURRENCY,
				setups: [],
			};
			for (const processes of [1, 2]) {
				step(`queue-mode ingestion through ${processes} webhook process(es)`);
				figures.setups.push(await measureSetup(cluster, processes, runMs, quick, step));
			}
			const { n8nVersion, nodeVersion } = cluster.main.runtime;
			const versions = `n8n ${n8nVersion} on Node ${nodeVersion}`;
			return { figures, tables: figures.setups.map((s) => table(s, figures, versions)) };
		} catch (error) {
			if (cluster) process.stderr.write(`${cluster.logTails(30)}\n`);
			throw error;
		} finally {
			await cluster?.stop();
			nodes.remove();
			if (!given) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		}
	},
};
