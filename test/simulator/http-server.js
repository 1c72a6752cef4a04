'use strict';
/**
 * The node:http shell around the simulator core (platform.ts): a loopback server, the webhook sender
 * (process.completed deliveries with retries and duplicates) and the socket-level faults (slowMs,
 * dropConnection). Plain CommonJS so it may use node:http and timers, which linted .ts files may not.
 *
 * The core is TypeScript. Inside jest, require('./platform') works (ts-jest transforms it). In plain
 * node, pass `core` (a module exporting Platform) or let this file compile the core with ./build.js.
 */
const http = require('node:http');
const https = require('node:https');

function loadCore() {
	try {
		return require('./platform');
	} catch (error) {
		if (error && error.code !== 'MODULE_NOT_FOUND') throw error;
		return require('./build').loadCore();
	}
}

function headerRecord(raw) {
	const out = {};
	for (const [name, value] of Object.entries(raw)) {
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

function encodeBody(res) {
	const headers = { ...(res.headers || {}) };
	const has = (name) => Object.keys(headers).some((h) => h.toLowerCase() === name);
	let body = res.body;
	if (body === undefined || body === null) body = Buffer.alloc(0);
	else if (Buffer.isBuffer(body)) {
		/* as is */
	} else if (typeof body === 'string') {
		if (!has('content-type')) headers['content-type'] = 'text/plain; charset=utf-8';
		body = Buffer.from(body, 'utf8');
	} else {
		if (!has('content-type')) headers['content-type'] = 'application/json; charset=utf-8';
		body = Buffer.from(JSON.stringify(body), 'utf8');
	}
	headers['content-length'] = String(body.length);
	return { headers, body };
}

/**
 * Starts the simulator on 127.0.0.1.
 * @param {object} [options]
 * @param {object} [options.platform] a ready Platform (if its publicBaseUrl is '' it is set to this server's URL)
 * @param {object} [options.platformOptions] used to build a Platform after listening (publicBaseUrl defaults to the server URL)
 * @param {{ Platform: Function }} [options.core] the core module to build it with (default: ./platform, or compiled via ./build)
 * @param {number} [options.port] default 0 = a free port
 * @param {string} [options.webhookUrl] where process.completed events are POSTed; none = events wait
 * @param {{ attempts?: number, delaysMs?: number[] }} [options.webhookRetries]
 * @param {number} [options.duplicateDeliveries] extra copies of each delivery (the first one concurrent with the original)
 * @param {number} [options.deliveryPollMs] how often due events are collected, default 200
 * @param {number} [options.webhookTimeoutMs] an endpoint that does not answer within this counts as failed, default 10000
 */
async function startSimulator(options = {}) {
	const {
		port = 0,
		duplicateDeliveries = 0,
		deliveryPollMs = 200,
		webhookTimeoutMs = 10000,
	} = options;
	const retries = {
		attempts: 5,
		delaysMs: [500, 1000, 2000, 4000],
		...(options.webhookRetries || {}),
	};
	let webhookUrl = options.webhookUrl || undefined;
	let platform = options.platform;
	let stopped = false;

	const timers = new Set();
	const waiters = new Set();
	const outgoing = new Set();
	const jobs = new Set();
	const deliveries = [];

	/** A timer that stop() clears; resolves early (with false) when stopped. */
	function wait(ms) {
		return new Promise((resolve) => {
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

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('error', () => res.destroy());
		req.on('end', () => {
			answer(req, res, Buffer.concat(chunks)).catch((error) => {
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
					res.end(`simulator shell error: ${error && error.message}`);
				}
			});
		});
	});

	async function answer(req, res, body) {
		const url = new URL(req.url || '/', 'http://127.0.0.1');
		const query = {};
		for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
		const simReq = {
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
		const result = await platform.handle(simReq);
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

	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const url = `http://127.0.0.1:${address.port}`;

	if (!platform) {
		const core = options.core || loadCore();
		platform = new core.Platform({
			apiKey: 'test-api-key',
			...(options.platformOptions || {}),
			publicBaseUrl: (options.platformOptions && options.platformOptions.publicBaseUrl) || url,
		});
	} else if (!platform.publicBaseUrl && typeof platform.setPublicBaseUrl === 'function') {
		platform.setPublicBaseUrl(url);
	}

	// ------------------------------------------------------------- webhook sender

	/** One POST; resolves { status, body } (status 0 = connection error or timeout, with `error`). */
	function post(target, payload) {
		return new Promise((resolve) => {
			let done = false;
			const finish = (value) => {
				if (done) return;
				done = true;
				outgoing.delete(request);
				resolve(value);
			};
			let request;
			let body;
			let parsed;
			try {
				parsed = new URL(target);
				body = Buffer.isBuffer(payload)
					? payload
					: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
			} catch (error) {
				return finish({ status: 0, error: String(error && error.message) });
			}
			const lib = parsed.protocol === 'https:' ? https : http;
			request = lib.request(
				parsed,
				{
					method: 'POST',
					agent: false,
					headers: {
						'content-type': 'application/json',
						'content-length': String(body.length),
						'user-agent': 'aihomedesign-simulator-webhook/1.0',
						connection: 'close',
					},
					timeout: webhookTimeoutMs,
				},
				(response) => {
					const chunks = [];
					response.on('data', (c) => chunks.push(c));
					response.on('end', () =>
						finish({
							status: response.statusCode || 0,
							body: Buffer.concat(chunks).toString('utf8'),
						}),
					);
					response.on('error', (error) => finish({ status: 0, error: String(error.message) }));
				},
			);
			outgoing.add(request);
			request.on('timeout', () =>
				request.destroy(new Error(`no answer within ${webhookTimeoutMs} ms`)),
			);
			request.on('error', (error) => finish({ status: 0, error: String(error.message) }));
			request.end(body);
		});
	}

	/** Sends one copy of an event with the retry schedule; logs every attempt. */
	async function deliverWithRetries(event, copy) {
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
				const delays = retries.delaysMs && retries.delaysMs.length ? retries.delaysMs : [0];
				await wait(delays[Math.min(attempt - 1, delays.length - 1)]);
			}
		}
	}

	function track(promise) {
		jobs.add(promise);
		promise.finally(() => jobs.delete(promise)).catch(() => undefined);
		return promise;
	}

	function dispatch(event) {
		const original = deliverWithRetries(event, 0);
		const copies = [];
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
		for (const event of platform.takeDueEvents()) dispatch(event);
	}

	/** Collects due events now; resolves when every delivery in flight (also those started by the loop) is over. */
	async function pump() {
		collect();
		await settled();
	}

	const loop = setInterval(() => {
		try {
			collect();
		} catch {
			/* a broken clock callback must not kill the loop */
		}
	}, deliveryPollMs);

	async function settled() {
		while (jobs.size) await Promise.all([...jobs]);
	}

	async function stop() {
		if (stopped) return;
		stopped = true;
		clearInterval(loop);
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
		for (const resolve of waiters) resolve(false);
		waiters.clear();
		for (const request of outgoing) request.destroy();
		await Promise.all([...jobs]).catch(() => undefined);
		await new Promise((resolve) => {
			server.close(() => resolve());
			if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
			for (const socket of sockets) socket.destroy();
		});
	}

	return {
		url,
		apiBaseUrl: `${url}/v3`,
		platform,
		deliveries,
		get webhookUrl() {
			return webhookUrl;
		},
		setWebhookUrl(next) {
			webhookUrl = next || undefined;
		},
		/** POSTs one raw payload (object → JSON; string/Buffer as is) to the webhook URL once; logged with attempt 1, copy -1. */
		async deliver(payload, target) {
			const to = target || webhookUrl;
			if (!to) throw new Error('no webhook URL set');
			const result = await post(to, payload);
			deliveries.push({
				processId:
					payload && typeof payload === 'object' && !Buffer.isBuffer(payload)
						? payload.process_id
						: undefined,
				attempt: 1,
				copy: -1,
				status: result.status,
				at: Date.now(),
				...(result.error ? { error: result.error } : {}),
			});
			return result;
		},
		pump,
		settled,
		stop,
	};
}

/**
 * A webhook endpoint for tests: records every POST and answers with `statuses[n]` (the last one repeats;
 * default 200) or `respond(n, body)`. `delayMs` holds each answer back.
 */
async function startWebhookReceiver(options = {}) {
	const { port = 0, statuses = [200], respond, delayMs = 0 } = options;
	const received = [];
	const timers = new Set();
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			let body;
			try {
				body = JSON.parse(raw);
			} catch {
				body = undefined;
			}
			const n = received.length;
			received.push({
				method: req.method,
				path: req.url,
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
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const url = `http://127.0.0.1:${server.address().port}/webhook`;
	return {
		url,
		received,
		async stop() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await new Promise((resolve) => {
				server.close(() => resolve());
				if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
			});
		},
	};
}

module.exports = { startSimulator, startWebhookReceiver, loadCore };
