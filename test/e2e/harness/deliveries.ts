/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// Sends webhook deliveries to a real n8n the way the platform does (POST, JSON, retried on any non-2xx or
// failed connection), many at once. Used by the e2e fault suite and the benchmarks.
import http from 'node:http';

import { httpRequest } from '../../support/net';
import { sleep } from '../../support/sleep';

export interface PostResult {
	/** 0 = no answer (see `error`). */
	status: number;
	body?: string;
	headers?: http.IncomingHttpHeaders;
	/** The error code when there is one (ECONNREFUSED, ECONNRESET, ...), else its message. */
	error?: string;
	ms: number;
}

export interface Delivery {
	url: string;
	body: unknown;
	headers?: Record<string, string>;
	/** Free-form: what the test planned this delivery to be. */
	tag?: string;
	key?: string;
	/** Tries for this delivery (default: the retry option's attempts). */
	maxAttempts?: number;
	/** Filled in by deliverAll / deliverPaced. */
	sentAt?: number;
	/** Each try: HTTP status (0 = no answer), when it was answered, and the first 200 characters of the body. */
	attempts?: Array<{ status: number; error?: string; ms: number; at: number; answer?: string }>;
	final?: number;
	answer?: string;
}

export interface RetryPolicy {
	/** Default 1. */
	attempts?: number;
	/** Default [500]; the last one repeats. */
	delaysMs?: number[];
}

/** One POST as the platform sends it (JSON content type unless `headers` say otherwise). */
export async function post(
	url: string,
	body: unknown,
	{
		headers = {},
		agent,
		timeoutMs = 15000,
	}: { headers?: Record<string, string>; agent?: http.Agent; timeoutMs?: number } = {},
): Promise<PostResult> {
	const res = await httpRequest(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'user-agent': 'aihomedesign-webhook/e2e',
			...headers,
		},
		body: Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body),
		agent,
		timeoutMs,
	});
	if (res.status === 0) return { status: 0, error: res.code ?? res.error, ms: res.ms };
	return { status: res.status, body: res.body, headers: res.headers, ms: res.ms };
}

interface Sending {
	attemptsMax: number;
	delays: number[];
	agent: http.Agent;
	timeoutMs?: number;
}

function sending(retry: RetryPolicy, agent: http.Agent, timeoutMs?: number): Sending {
	return {
		attemptsMax: retry.attempts ?? 1,
		delays: retry.delaysMs?.length ? retry.delaysMs : [500],
		agent,
		timeoutMs,
	};
}

async function sendWithRetries(delivery: Delivery, s: Sending): Promise<void> {
	delivery.attempts = [];
	const max = delivery.maxAttempts ?? s.attemptsMax;
	for (let attempt = 1; attempt <= max; attempt++) {
		const result = await post(delivery.url, delivery.body, {
			headers: delivery.headers,
			agent: s.agent,
			timeoutMs: s.timeoutMs,
		});
		delivery.attempts.push({
			status: result.status,
			error: result.error,
			ms: result.ms,
			at: Date.now(),
			answer: (result.body ?? '').slice(0, 200),
		});
		delivery.final = result.status;
		delivery.answer = result.body;
		if (result.status >= 200 && result.status < 300) return;
		if (attempt < max) await sleep(s.delays[Math.min(attempt - 1, s.delays.length - 1)]);
	}
}

/**
 * Delivers `groups` with `concurrency` senders. A group is one delivery or an array of deliveries sent at the
 * same moment (concurrent repeats). Each is retried on a non-2xx answer or none, as `retry` says. Resolves
 * with the deliveries, each with its `attempts` and `final` (last status).
 */
export async function deliverAll(
	groups: Array<Delivery | Delivery[]>,
	{
		concurrency = 10,
		retry = {},
		keepAlive = true,
		timeoutMs,
	}: { concurrency?: number; retry?: RetryPolicy; keepAlive?: boolean; timeoutMs?: number } = {},
): Promise<Delivery[]> {
	const agent = new http.Agent({ keepAlive, maxSockets: Math.max(concurrency * 2, 16) });
	const s = sending(retry, agent, timeoutMs);
	const queue = groups.map((g) => (Array.isArray(g) ? g : [g]));
	const out: Delivery[] = [];
	let next = 0;
	const sender = async () => {
		while (next < queue.length) {
			const group = queue[next++];
			out.push(...group);
			await Promise.all(group.map(async (d) => await sendWithRetries(d, s)));
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, sender));
	agent.destroy();
	return out;
}

/**
 * Open loop: starts delivery i at `i * intervalMs` whatever the answers, each retried on its own (as the
 * platform keeps sending new completions while it retries failed ones). Resolves when all are over.
 */
export async function deliverPaced(
	deliveries: Delivery[],
	{
		intervalMs = 100,
		retry = {},
		timeoutMs,
	}: { intervalMs?: number; retry?: RetryPolicy; timeoutMs?: number } = {},
): Promise<Delivery[]> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const s = sending(retry, agent, timeoutMs);
	const t0 = Date.now();
	await Promise.all(
		deliveries.map(async (delivery, i) => {
			await sleep(Math.max(0, t0 + i * intervalMs - Date.now()));
			delivery.sentAt = Date.now();
			await sendWithRetries(delivery, s);
		}),
	);
	agent.destroy();
	return deliveries;
}
