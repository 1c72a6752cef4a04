/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * The node:http shell around the simulator core (platform.ts): a loopback server, the webhook sender
 * (process.completed deliveries with retries and duplicates) and the socket-level faults (slowMs,
 * dropConnection). Plus a webhook receiver for tests of the sender.
 */
import http from 'node:http';
import type net from 'node:net';

import { httpRequest } from '../support/net';
import { DEFAULT_API_KEY } from './api-key';
import { Platform, type PlatformOptions, type SimRequest, type SimResponse } from './platform';

export interface DeliveryRecord {
	processId: string | undefined;
	/** 1-based attempt number within one copy. */
	attempt: number;
	/** 0 = the original delivery, 1.. = duplicates, -1 = a raw deliver() call. */
	copy: number;
	/** HTTP status, 0 = connection error or timeout (see `error`). */
	status: number;
	/** Wall-clock ms. */
	at: number;
	error?: string;
}

export interface PostResult {
	status: number;
	body?: string;
	error?: string;
}

export interface StartSimulatorOptions {
	/** A ready platform; if its publicBaseUrl is '' it is set to the server's URL. */
	platform?: Platform;
	/** Build the platform after listening (apiKey defaults to the test key, publicBaseUrl to the server URL). */
	platformOptions?: Partial<PlatformOptions>;
	/** Default 0: a free port on 127.0.0.1. */
	port?: number;
	/** Where process.completed events are POSTed; none = events wait. */
	webhookUrl?: string;
	/** Default { attempts: 5, delaysMs: [500, 1000, 2000, 4000] }; the last delay repeats. */
	webhookRetries?: { attempts?: number; delaysMs?: number[] };
	/** Extra copies of each delivery; the first is sent concurrently with the original, the rest after it. */
	duplicateDeliveries?: number;
	/** How often due events are collected. Default 200. */
	deliveryPollMs?: number;
	/** Default 10000: no answer in time counts as a failed attempt. */
	webhookTimeoutMs?: number;
	/** Keep every request's method, path and headers in `requests` (tests of what was sent). */
	recordRequests?: boolean;
}

/** A request as the shell handed it to the core. */
export interface SeenRequest {
	method: string;
	path: string;
	headers: Record<string, string | undefined>;
}

export interface RunningSimulator {
	/** http://127.0.0.1:PORT */
	url: string;
	/** url + '/v3' */
	apiBaseUrl: string;
	platform: Platform;
	deliveries: DeliveryRecord[];
	/** With `recordRequests`: every request handed to the core, in order (else empty). */
	requests: SeenRequest[];
	readonly webhookUrl: string | undefined;
	setWebhookUrl(url: string | undefined): void;
	/** POSTs one raw payload (object → JSON; string/Buffer as is) once, to `target` or the webhook URL; logged with attempt 1, copy -1. */
	deliver(payload: unknown, target?: string): Promise<PostResult>;
	/** Collects due events now; resolves when their deliveries (with retries) are over. */
	pump(): Promise<void>;
	/** Resolves when no delivery is in flight. */
	settled(): Promise<void>;
	stop(): Promise<void>;
}

export interface ReceivedWebhook {
	method: string;
	path: string;
	headers: Record<string, string | undefined>;
	raw: string;
	/** Parsed JSON, or undefined. */
	body: unknown;
	at: number;
}

export interface WebhookReceiverOptions {
	port?: number;
	/** Status per request, the last repeats. Default [200]. */
	statuses?: number[];
	respond?: (index: number, body: unknown) => number;
	/** Holds each answer back. */
	delayMs?: number;
}

export interface RunningReceiver {
	/** http://127.0.0.1:PORT/webhook */
	url: string;
	received: ReceivedWebhook[];
	stop(): Promise<void>;
}

function headerRecord(raw: http.IncomingHttpHeaders): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(raw)) {
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

function encodeBody(res: SimResponse): { headers: Record<string, string>; body: Buffer } {
	const headers = { ...(res.headers ?? {}) };
	const has = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
	let body: Buffer;
	if (res.body === undefined || res.body === null) body = Buffer.alloc(0);
	else if (Buffer.isBuffer(res.body)) body = res.body;
	else if (typeof res.body === 'string') {
		if (!has('content-type')) headers['content-type'] = 'text/plain; charset=utf-8';
		body = Buffer.from(res.body, 'utf8');
	} else {
		if (!has('content-type')) headers['content-type'] = 'application/json; charset=utf-8';
		body = Buffer.from(JSON.stringify(res.body), 'utf8');
	}
	headers['content-length'] = String(body.length);
	return { headers, body };
}

/** Listens on 127.0.0.1:`port` (0 = a free one); `close()` also ends open connections at once. */
async function listenOnLoopback(server: http.Server, port: number) {
	const sockets = new Set<net.Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	return {
		port: (server.address() as net.AddressInfo).port,
		async close() {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
			});
		},
	};
}

/** Starts the simulator on 127.0.0.1. */
export async function startSimulator(
	options: StartSimulatorOptions = {},
): Promise<RunningSimulator> {
	const {
		port = 0,
		duplicateDeliveries = 0,
		deliveryPollMs = 200,
		webhookTimeoutMs = 10000,
	} = options;
	const retries = { attempts: 5, delaysMs: [500, 1000, 2000, 4000], ...options.webhookRetries };
	let webhookUrl = options.webhookUrl || undefined;
	let stopped = false;

	const timers = new Set<NodeJS.Timeout>();
	const waiters = new Set<(value: boolean) => void>();
	// Aborted by stop(), so a slow endpoint does not hold it up.
	const outgoing = new AbortController();
	const jobs = new Set<Promise<void>>();
	const deliveries: DeliveryRecord[] = [];
	const requests: SeenRequest[] = [];

	/** A timer that stop() clears; resolves early (with false) when stopped. */
	async function wait(ms: number): Promise<boolean> {
		return await new Promise((resolve) => {
			if (stopped) return resolve(false);
			const timer = setTimeout(() => {
				timers.delete(timer);
				waiters.delete(resolve);
				resolve(true);
			}, ms);
			timers.add(timer);
			waiters.add(resolve);
		});
	}

	// Set right after listening, before any request can arrive.
	let platform = options.platform as Platform;

	async function answer(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
		const url = new URL(req.url || '/', 'http://127.0.0.1');
		const query: Record<string, string> = {};
		for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
		const simReq: SimRequest = {
			method: (req.method || 'GET').toUpperCase(),
			path: url.pathname,
			query,
			headers: headerRecord(req.headers),
			body,
		};
		const drop = platform.takeDropConnection(simReq);
		if (drop && !drop.afterHandling) {
			req.socket.destroy();
			return;
		}
		if (options.recordRequests)
			requests.push({ method: simReq.method, path: simReq.path, headers: { ...simReq.headers } });
		const result = platform.handle(simReq);
		if (drop) {
			req.socket.destroy();
			return;
		}
		const slow = Number(platform.faults.slowMs) || 0;
		if (slow > 0) {
			await wait(slow);
			if (stopped || res.destroyed) return;
		}
		const { headers, body: payload } = encodeBody(result);
		res.writeHead(result.status, headers);
		res.end(payload);
	}

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('error', () => res.destroy());
		req.on('end', () => {
			answer(req, res, Buffer.concat(chunks)).catch((error: Error) => {
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
					res.end(`simulator shell error: ${error?.message}`);
				}
			});
		});
	});
	const listening = await listenOnLoopback(server, port);
	const url = `http://127.0.0.1:${listening.port}`;

	if (!platform) {
		platform = new Platform({
			apiKey: DEFAULT_API_KEY,
			...options.platformOptions,
			publicBaseUrl: options.platformOptions?.publicBaseUrl || url,
		});
	} else if (!platform.publicBaseUrl) {
		platform.setPublicBaseUrl(url);
	}

	// ------------------------------------------------------------- webhook sender

	/** One POST; status 0 = connection error or timeout, with `error`. */
	async function post(target: string, payload: unknown): Promise<PostResult> {
		const answer = await httpRequest(target, {
			method: 'POST',
			agent: false,
			headers: {
				'content-type': 'application/json',
				'user-agent': 'aihomedesign-simulator-webhook/1.0',
				connection: 'close',
			},
			body: payload,
			timeoutMs: webhookTimeoutMs,
			signal: outgoing.signal,
		});
		return answer.status === 0
			? { status: 0, error: answer.error }
			: { status: answer.status, body: answer.body };
	}

	/** Sends one copy of an event with the retry schedule; logs every attempt. */
	async function deliverWithRetries(event: { process_id: string }, copy: number) {
		const attempts = Math.max(1, retries.attempts);
		for (let attempt = 1; attempt <= attempts && !stopped; attempt++) {
			const target = webhookUrl;
			if (!target) return;
			const result = await post(target, event);
			if (stopped) return;
			deliveries.push({
				processId: event.process_id,
				attempt,
				copy,
				status: result.status,
				at: Date.now(),
				...(result.error ? { error: result.error } : {}),
			});
			if (result.status >= 200 && result.status < 300) return;
			if (attempt < attempts) {
				const delays = retries.delaysMs?.length ? retries.delaysMs : [0];
				await wait(delays[Math.min(attempt - 1, delays.length - 1)]);
			}
		}
	}

	function track(promise: Promise<void>): Promise<void> {
		jobs.add(promise);
		promise.finally(() => jobs.delete(promise)).catch(() => undefined);
		return promise;
	}

	function dispatch(event: { process_id: string }) {
		const original = deliverWithRetries(event, 0);
		const copies: Array<Promise<void>> = [];
		if (duplicateDeliveries >= 1) copies.push(deliverWithRetries(event, 1)); // concurrent with the original
		const later = (async () => {
			await original;
			for (let copy = 2; copy <= duplicateDeliveries && !stopped; copy++)
				await deliverWithRetries(event, copy);
		})();
		return track(Promise.all([original, later, ...copies]).then(() => undefined));
	}

	/** Collects due events now and starts their deliveries. */
	function collect() {
		if (stopped || !webhookUrl) return;
		for (const event of platform.takeDueEvents()) void dispatch(event);
	}

	async function settled() {
		while (jobs.size) await Promise.all([...jobs]);
	}

	const loop = setInterval(() => {
		try {
			collect();
		} catch {
			/* a broken clock callback must not kill the loop */
		}
	}, deliveryPollMs);

	async function stop() {
		if (stopped) return;
		stopped = true;
		clearInterval(loop);
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
		for (const resolve of waiters) resolve(false);
		waiters.clear();
		outgoing.abort();
		await Promise.all([...jobs]).catch(() => undefined);
		await listening.close();
	}

	return {
		url,
		apiBaseUrl: `${url}/v3`,
		platform,
		deliveries,
		requests,
		get webhookUrl() {
			return webhookUrl;
		},
		setWebhookUrl(next) {
			webhookUrl = next || undefined;
		},
		async deliver(payload, target) {
			const to = target || webhookUrl;
			if (!to) throw new Error('no webhook URL set');
			const result = await post(to, payload);
			const processId =
				payload && typeof payload === 'object' && !Buffer.isBuffer(payload)
					? (payload as { process_id?: string }).process_id
					: undefined;
			deliveries.push({
				processId,
				attempt: 1,
				copy: -1,
				status: result.status,
				at: Date.now(),
				...(result.error ? { error: result.error } : {}),
			});
			return result;
		},
		async pump() {
			collect();
			await settled();
		},
		settled,
		stop,
	};
}

/**
 * A webhook endpoint for tests: records every POST and answers with `statuses[n]` (the last one
 * repeats; default 200) or `respond(n, body)`. `delayMs` holds each answer back.
 */
export async function startWebhookReceiver(
	options: WebhookReceiverOptions = {},
): Promise<RunningReceiver> {
	const { port = 0, statuses = [200], respond, delayMs = 0 } = options;
	const received: ReceivedWebhook[] = [];
	const timers = new Set<NodeJS.Timeout>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			let body: unknown;
			try {
				body = JSON.parse(raw);
			} catch {
				body = undefined;
			}
			const n = received.length;
			received.push({
				method: req.method ?? '',
				path: req.url ?? '',
				headers: headerRecord(req.headers),
				raw,
				body,
				at: Date.now(),
			});
			const status = respond ? respond(n, body) : statuses[Math.min(n, statuses.length - 1)];
			const send = () => {
				if (res.destroyed) return;
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ received: true }));
			};
			if (delayMs > 0) {
				const timer = setTimeout(() => {
					timers.delete(timer);
					send();
				}, delayMs);
				timers.add(timer);
			} else send();
		});
	});
	const listening = await listenOnLoopback(server, port);
	return {
		url: `http://127.0.0.1:${listening.port}/webhook`,
		received,
		async stop() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await listening.close();
		},
	};
}
