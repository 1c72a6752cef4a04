'use strict';
// Sends webhook deliveries to a real n8n the way the platform does (POST, JSON, retried on any non-2xx or
// failed connection), many at once, and reads back which completions started how many executions.
// Used by test/e2e/faults.test.ts and test/bench/run-bench.js. Plain CommonJS (node:http, timers). Types:
// deliveries.d.ts.
const http = require('node:http');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One POST over `agent`; resolves { status, body, ms } (status 0 = no answer, with `error`). */
function post(url, body, { headers = {}, agent, timeoutMs = 15000 } = {}) {
	return new Promise((resolve) => {
		const payload = Buffer.isBuffer(body)
			? body
			: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
		const t0 = process.hrtime.bigint();
		const done = (value) => resolve({ ...value, ms: Number(process.hrtime.bigint() - t0) / 1e6 });
		let request;
		try {
			request = http.request(url, {
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/json',
					'user-agent': 'aihomedesign-webhook/e2e',
					...headers,
					'content-length': String(payload.length),
				},
				timeout: timeoutMs,
			});
		} catch (error) {
			return done({ status: 0, error: error.message });
		}
		request.on('response', (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () =>
				done({
					status: res.statusCode || 0,
					body: Buffer.concat(chunks).toString('utf8'),
					headers: res.headers,
				}),
			);
			res.on('error', (error) => done({ status: 0, error: error.code || error.message }));
		});
		request.on('timeout', () =>
			request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
		);
		request.on('error', (error) => done({ status: 0, error: error.code || error.message }));
		request.end(payload);
	});
}

/**
 * Delivers `groups` with `concurrency` senders. A group is one delivery or an array of deliveries sent at
 * the same moment (concurrent repeats). A delivery: { url, body, headers?, tag? }. Each is retried on a
 * non-2xx answer or no answer, `retry.delaysMs` apart (the last repeats), up to `retry.attempts` tries.
 * Resolves with the deliveries, each with `attempts: [{ status, error?, ms, at }]` and `final` (last status).
 */
async function deliverAll(
	groups,
	{ concurrency = 10, retry = {}, keepAlive = true, timeoutMs } = {},
) {
	const attemptsMax = retry.attempts ?? 1;
	const delays = retry.delaysMs && retry.delaysMs.length ? retry.delaysMs : [500];
	const agent = new http.Agent({ keepAlive, maxSockets: Math.max(concurrency * 2, 16) });
	const queue = groups.map((g) => (Array.isArray(g) ? g : [g]));
	const out = [];
	const one = (delivery) => sendWithRetries(delivery, { attemptsMax, delays, agent, timeoutMs });
	let next = 0;
	async function sender() {
		while (next < queue.length) {
			const group = queue[next++];
			out.push(...group);
			await Promise.all(group.map(one));
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, sender));
	agent.destroy();
	return out;
}

async function sendWithRetries(delivery, { attemptsMax, delays, agent, timeoutMs }) {
	delivery.attempts = [];
	const max = delivery.maxAttempts ?? attemptsMax;
	for (let attempt = 1; attempt <= max; attempt++) {
		const result = await post(delivery.url, delivery.body, {
			headers: delivery.headers,
			agent,
			timeoutMs,
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
		if (attempt < max) await sleep(delays[Math.min(attempt - 1, delays.length - 1)]);
	}
}

/**
 * Open loop: starts delivery i at `i * intervalMs` whatever the answers, each retried on its own (as the
 * platform keeps sending new completions while it retries failed ones). Resolves when all are over.
 */
async function deliverPaced(deliveries, { intervalMs = 100, retry = {}, timeoutMs } = {}) {
	const attemptsMax = retry.attempts ?? 1;
	const delays = retry.delaysMs && retry.delaysMs.length ? retry.delaysMs : [500];
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const t0 = Date.now();
	await Promise.all(
		deliveries.map(async (delivery, i) => {
			await sleep(Math.max(0, t0 + i * intervalMs - Date.now()));
			delivery.sentAt = Date.now();
			await sendWithRetries(delivery, { attemptsMax, delays, agent, timeoutMs });
		}),
	);
	agent.destroy();
	return deliveries;
}

/**
 * Every execution of a workflow through the public API (pages of 250), with the first item the given node
 * output. Resolves [{ id, status, json }].
 */
async function executionItems(n8n, workflowId, nodeName) {
	const out = [];
	let cursor;
	for (;;) {
		const qs = new URLSearchParams({ workflowId, includeData: 'true', limit: '250' });
		if (cursor) qs.set('cursor', cursor);
		const page = await n8n.api('GET', `/executions?${qs}`);
		for (const e of page.data) {
			const run = e.data && e.data.resultData && e.data.resultData.runData[nodeName];
			const item = run && run[0] && run[0].data && run[0].data.main[0] && run[0].data.main[0][0];
			out.push({ id: e.id, status: e.status, json: item ? item.json : undefined });
		}
		cursor = page.nextCursor;
		if (!cursor || page.data.length === 0) return out;
	}
}

/** How many executions of a workflow exist (public API, pages of 250, no data). */
async function countExecutions(n8n, workflowId, status) {
	let total = 0;
	let cursor;
	for (;;) {
		const qs = new URLSearchParams({ workflowId, includeData: 'false', limit: '250' });
		if (status) qs.set('status', status);
		if (cursor) qs.set('cursor', cursor);
		const page = await n8n.api('GET', `/executions?${qs}`);
		total += page.data.length;
		cursor = page.nextCursor;
		if (!cursor || page.data.length === 0) return total;
	}
}

/** Waits until a workflow has no execution left running (or `timeoutMs` passes); resolves the final count. */
async function waitForIdle(n8n, workflowId, { timeoutMs = 60000, expected } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let stable = 0;
	for (;;) {
		const running = await countExecutions(n8n, workflowId, 'running');
		const total = await countExecutions(n8n, workflowId);
		if (running === 0 && (expected === undefined || total >= expected)) {
			stable = total === last ? stable + 1 : 0;
			if (stable >= 2) return total;
		}
		last = total;
		if (Date.now() > deadline) return total;
		await sleep(500);
	}
}

/** The PID of the n8n server process under the harness's watchdog (its direct child), from /proc. */
function n8nPid(instance) {
	const fs = require('node:fs');
	const watchdog = instance._proc && instance._proc.pid;
	if (!watchdog) return undefined;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === watchdog) return Number(entry);
		} catch {
			// gone
		}
	}
	return undefined;
}

/** n8n log level for the fault suite: AIHD_FAULTS_LOG_LEVEL, default info. */
function faultsLogLevel() {
	return process.env.AIHD_FAULTS_LOG_LEVEL || 'info';
}

/** n8n's graceful shutdown timeout for the restart test, in seconds. */
function faultsGracefulSeconds() {
	return Number(process.env.AIHD_FAULTS_GRACEFUL_S || 30);
}

module.exports = {
	faultsLogLevel,
	faultsGracefulSeconds,
	post,
	deliverAll,
	deliverPaced,
	executionItems,
	countExecutions,
	waitForIdle,
	n8nPid,
	sleep,
};
