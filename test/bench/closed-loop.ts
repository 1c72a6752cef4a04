/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// The load both ingestion benchmarks put on n8n: senders that each post again as soon as their last answer came.
import http from 'node:http';

import { post } from '../e2e/harness';
import { percentile } from '../support/stats';
import { completionBody } from './fixtures';

export interface ClosedLoopRun {
	/** Answer times of the 2xx answers, ms. */
	latencies: number[];
	/** Non-2xx answers and errors, by status or error code. */
	errors: Record<string, number>;
	elapsedMs: number;
}

/** `senders` senders posting new completions for `ms`; sender j posts to urls[j % urls.length]. */
export async function closedLoop(
	urls: string[],
	senders: number,
	ms: number,
): Promise<ClosedLoopRun> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: senders });
	const latencies: number[] = [];
	const errors: Record<string, number> = {};
	let i = 0;
	const t0 = Date.now();
	const end = t0 + ms;
	await Promise.all(
		Array.from({ length: senders }, async (_, j) => {
			const url = urls[j % urls.length];
			while (Date.now() < end) {
				const r = await post(url, completionBody(i++), { agent, timeoutMs: 30000 });
				if (r.status >= 200 && r.status < 300) latencies.push(r.ms);
				else {
					const k = String(r.status || r.error);
					errors[k] = (errors[k] ?? 0) + 1;
				}
			}
		}),
	);
	const elapsedMs = Date.now() - t0;
	agent.destroy();
	return { latencies, errors, elapsedMs };
}

/** What a node did over its runs at one load level. */
export interface TargetFigures {
	/** Answered (2xx) deliveries per second. */
	rate: number;
	p50Ms: number;
	p99Ms: number;
	ok: number;
	/** Count per HTTP status or connection error. */
	errors: Record<string, number>;
}

/** One node's runs at one level, added up. */
export function combineRuns(runs: ClosedLoopRun[]): TargetFigures {
	const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
	const ms = runs.reduce((sum, r) => sum + r.elapsedMs, 0);
	const errors: Record<string, number> = {};
	for (const r of runs)
		for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
	return {
		rate: (latencies.length * 1000) / ms,
		p50Ms: percentile(latencies, 50),
		p99Ms: percentile(latencies, 99),
		ok: latencies.length,
		errors,
	};
}
