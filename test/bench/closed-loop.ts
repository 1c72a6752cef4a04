/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// The load both ingestion benchmarks put on n8n: senders that each post again as soon as their last answer came.
import http from 'node:http';

import { post } from '../e2e/harness';
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
