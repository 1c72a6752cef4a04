'use strict';
/**
 * What the fault suite and the benchmarks run the node code with: n8n-core's real HTTP helpers (axios,
 * n8n's error wrapping) pointed at the simulator over loopback, execute / webhook contexts shaped like
 * n8n's, a discrete-event virtual clock, and a deep text dump for leak checks.
 *
 * Plain CommonJS: it needs timers and node builtins, which linted .ts files may not use. Types: harness.d.ts.
 * The node classes are passed in (ts sources under jest, dist/ in the bench), so this file imports none.
 */
const { Readable } = require('node:stream');

const CREDENTIAL_TYPE = 'aiHomeDesignApi';

/** A node's parameters as a fresh node in the editor has them (its description's defaults), plus `overrides`. */
function parametersOf(description, overrides = {}) {
	const defaults = Object.fromEntries(
		description.properties.filter((p) => p.type !== 'notice').map((p) => [p.name, p.default]),
	);
	return { ...defaults, ...overrides };
}

let requestHelperFactory;
/** n8n-core's getRequestHelperFunctions (loaded on first use: n8n-core takes ~1 s to load). */
function n8nRequestHelpers() {
	if (!requestHelperFactory) {
		requestHelperFactory =
			require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/factory').getRequestHelperFunctions;
	}
	return requestHelperFactory;
}

/**
 * Applies a credential type's generic `authenticate` block as n8n's CredentialsHelper does for
 * `type: 'generic'`: each `={{$credentials.<name>}}` is replaced by the credential's value.
 */
function genericAuthenticator(authenticate) {
	const resolve = (value, credentials) =>
		typeof value === 'string'
			? value.replace(/^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/, (_m, name) =>
					String(credentials[name] ?? ''),
				)
			: value;
	return async (credentials, _type, requestOptions) => {
		const props = (authenticate && authenticate.properties) || {};
		const out = { ...requestOptions };
		for (const section of ['headers', 'qs', 'body']) {
			if (!props[section]) continue;
			const resolved = {};
			for (const [k, v] of Object.entries(props[section])) resolved[k] = resolve(v, credentials);
			out[section] = { ...(requestOptions[section] || {}), ...resolved };
		}
		return out;
	};
}

// ---------------------------------------------------------------- virtual time

/**
 * A discrete-event clock for the package's `clock` (now / sleep). Sleepers wake in time order, and
 * time jumps to the next wake-up only when no tracked HTTP request is in flight and the event loop has
 * gone round twice: so a 15-minute wait with 5-second polls runs in milliseconds against a real HTTP
 * server, with every poll at its exact virtual time. Requests themselves take no virtual time.
 */
function createVirtualTime(options = {}) {
	const start = options.start ?? Date.UTC(2026, 0, 5, 9, 0, 0);
	let now = start;
	let seq = 0;
	let inflight = 0;
	let scheduled = false;
	const sleepers = [];
	const sleeps = [];

	function schedule() {
		if (scheduled) return;
		scheduled = true;
		setImmediate(() => setImmediate(advance));
	}

	function advance() {
		scheduled = false;
		if (inflight > 0 || sleepers.length === 0) return;
		sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
		now = Math.max(now, sleepers[0].at);
		while (sleepers.length && sleepers[0].at <= now) sleepers.shift().wake();
		if (sleepers.length) schedule();
	}

	return {
		start,
		now: () => now,
		elapsed: () => now - start,
		sleeps,
		get pending() {
			return sleepers.length;
		},
		sleep(ms, signal) {
			sleeps.push(ms);
			if (signal && signal.aborted) return Promise.resolve();
			return new Promise((resolve) => {
				const sleeper = {
					at: now + Math.max(0, Number(ms) || 0),
					seq: seq++,
					wake: () => {
						if (signal) signal.removeEventListener('abort', onAbort);
						resolve();
					},
				};
				const onAbort = () => {
					const i = sleepers.indexOf(sleeper);
					if (i >= 0) sleepers.splice(i, 1);
					resolve();
				};
				if (signal) signal.addEventListener('abort', onAbort, { once: true });
				sleepers.push(sleeper);
				schedule();
			});
		},
		/** Runs `fn` as one request in flight: time stands still until it settles. */
		async track(fn) {
			inflight++;
			try {
				return await fn();
			} finally {
				inflight--;
				schedule();
			}
		},
	};
}

/** Real time with the same interface (bench real-time runs). */
function createRealTime() {
	const start = Date.now();
	const sleeps = [];
	return {
		start,
		now: () => Date.now(),
		elapsed: () => Date.now() - start,
		sleeps,
		pending: 0,
		sleep(ms, signal) {
			sleeps.push(ms);
			if (signal && signal.aborted) return Promise.resolve();
			return new Promise((resolve) => {
				const timer = setTimeout(done, Math.max(0, ms));
				function done() {
					clearTimeout(timer);
					if (signal) signal.removeEventListener('abort', done);
					resolve();
				}
				if (signal) signal.addEventListener('abort', done, { once: true });
			});
		},
		track: async (fn) => await fn(),
	};
}

/** Points the package's clock object (helpers/clock) at `time`; returns a function that puts it back. */
function installClock(clockObject, time) {
	const saved = { now: clockObject.now, sleep: clockObject.sleep };
	clockObject.now = () => time.now();
	clockObject.sleep = (ms, signal) => time.sleep(ms, signal);
	return () => Object.assign(clockObject, saved);
}

// ---------------------------------------------------------------- HTTP through n8n-core

/**
 * n8n-core's real `httpRequest` / `httpRequestWithAuthentication` (axios via OutboundHttp, n8n's
 * NodeApiError wrapping of failures), with the credential applied as n8n applies a generic one.
 * `timeoutScale` multiplies every request timeout (tests of timeouts without waiting 30 s).
 */
function createHttpHelpers(options) {
	const { node, credentialType = CREDENTIAL_TYPE, authenticate, time, timeoutScale = 1 } = options;
	const calls = [];
	const additionalData = {
		credentialsHelper: {
			getParentTypes: () => [],
			preAuthentication: async () => undefined,
			authenticate: genericAuthenticator(authenticate),
		},
	};
	const helpers = n8nRequestHelpers()({}, node, additionalData);
	const scale = (requestOptions) =>
		timeoutScale !== 1 && requestOptions.timeout
			? {
					...requestOptions,
					timeout: Math.max(1, Math.round(requestOptions.timeout * timeoutScale)),
				}
			: requestOptions;
	const record = async (kind, requestOptions, send) => {
		const entry = { kind, method: requestOptions.method || 'GET', url: requestOptions.url };
		calls.push(entry);
		const run = async () => {
			try {
				const response = await send();
				entry.status = response && response.statusCode;
				return response;
			} catch (error) {
				entry.error = (error && (error.code || error.message)) || String(error);
				throw error;
			}
		};
		return time ? await time.track(run) : await run();
	};
	return {
		calls,
		async httpRequestWithAuthentication(type, requestOptions) {
			if (type !== credentialType) throw new Error(`unexpected credential type ${type}`);
			const ctx = this;
			return await record('auth', requestOptions, () =>
				helpers.httpRequestWithAuthentication.call(ctx, type, scale(requestOptions)),
			);
		},
		async httpRequest(requestOptions) {
			return await record('plain', requestOptions, () =>
				helpers.httpRequest(scale(requestOptions)),
			);
		},
	};
}

// ---------------------------------------------------------------- contexts

function getPath(source, path) {
	return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), source);
}

function recordingLogger(logs) {
	const log = (level) => (message, meta) =>
		logs.push({ level, message: String(message), ...(meta ? { meta } : {}) });
	return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** What a node context needs to call the API: the credential, a logger that records, n8n's HTTP helpers. */
function apiAccess({ apiKey, baseUrl, logs, http, credentialsMissing = false }) {
	return {
		getCredentials: async (type) => {
			if (credentialsMissing) throw new Error('Node does not have any credentials set');
			if (type !== CREDENTIAL_TYPE) throw new Error(`unexpected credential ${type}`);
			return { apiKey, baseUrl };
		},
		logger: recordingLogger(logs),
		helpers: {
			httpRequestWithAuthentication: http.httpRequestWithAuthentication,
			httpRequest: http.httpRequest,
			returnJsonArray: (data) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
}

async function streamToBuffer(body) {
	if (Buffer.isBuffer(body)) return body;
	const chunks = [];
	for await (const chunk of body) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

/**
 * An IExecuteFunctions for the action node, its HTTP through n8n-core to `baseUrl`.
 * Binary output: `keepBinary` false (default) streams each file through and keeps only its size,
 * as n8n's filesystem mode does; true keeps the bytes (base64), as in-memory mode does.
 */
function createExecuteContext(options) {
	const {
		node,
		baseUrl,
		apiKey,
		authenticate,
		params,
		items = [{ json: {} }],
		continueOnFail = false,
		signal,
		time,
		timeoutScale,
		keepBinary = false,
	} = options;
	const logs = options.logs || [];
	const http = createHttpHelpers({ node, authenticate, time, timeoutScale });
	const paramsFor = (i) => (typeof params === 'function' ? params(i) : params);
	const binaryStats = { files: 0, bytes: 0, maxFileBytes: 0, streamed: 0 };
	const api = apiAccess({ apiKey, baseUrl, logs, http });
	const context = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => continueOnFail,
		getExecutionCancelSignal: () => signal,
		getMode: () => 'manual',
		getNodeParameter: (name, itemIndex, fallback) => {
			const value = getPath(paramsFor(itemIndex), name);
			return value === undefined ? fallback : value;
		},
		...api,
		helpers: {
			...api.helpers,
			async prepareBinaryData(data, fileName, mimeType) {
				let bytes = 0;
				let kept;
				if (Buffer.isBuffer(data)) {
					bytes = data.length;
					kept = keepBinary ? data : undefined;
				} else if (keepBinary) {
					binaryStats.streamed++;
					kept = await streamToBuffer(data);
					bytes = kept.length;
				} else {
					binaryStats.streamed++;
					for await (const chunk of data) bytes += chunk.length;
				}
				binaryStats.files++;
				binaryStats.bytes += bytes;
				binaryStats.maxFileBytes = Math.max(binaryStats.maxFileBytes, bytes);
				return {
					data: kept ? kept.toString('base64') : 'filesystem',
					fileName,
					mimeType: mimeType || 'application/octet-stream',
					fileSize: `${bytes} B`,
					bytes,
				};
			},
			binaryToBuffer: async (body) => await streamToBuffer(body),
			assertBinaryData: (itemIndex, property) => {
				const binary =
					items[itemIndex] && items[itemIndex].binary && items[itemIndex].binary[property];
				if (!binary) throw new Error(`item ${itemIndex} has no binary field "${property}"`);
				return binary;
			},
			getBinaryDataBuffer: async (itemIndex, property) =>
				Buffer.from(items[itemIndex].binary[property].data, 'base64'),
		},
	};
	return { context, logs, calls: http.calls, binaryStats };
}

/**
 * One delivery to the trigger's webhook(), answered as n8n answers it: the node's own answer when it
 * sent one (noWebhookResponse), else 200 with `webhookResponse` (or the description's responseData,
 * `{ received: true }`, when an execution starts). Static data: `store` keeps the saved copy; each
 * delivery gets a fresh copy, and what webhook() writes is dropped unless `store.persistWebhookWrites`
 * (n8n 2.41 reloads static data before a webhook-started run, so the write is lost there).
 */
async function deliverToTrigger(trigger, options) {
	const {
		node,
		params = {},
		body,
		raw,
		headers: extraHeaders = {},
		query = {},
		mode = 'webhook',
		workflowId = 'workflow-faults',
		store,
		baseUrl,
		apiKey,
		authenticate,
		time,
		timeoutScale,
		credentialsMissing = false,
	} = options;
	const logs = options.logs || [];
	const headers = { 'content-type': 'application/json' };
	for (const [k, v] of Object.entries(extraHeaders)) {
		if (v === undefined) delete headers[k.toLowerCase()];
		else headers[k.toLowerCase()] = v;
	}
	const rawBody =
		raw !== undefined
			? Buffer.isBuffer(raw)
				? raw
				: Buffer.from(String(raw), 'utf8')
			: body === undefined
				? Buffer.alloc(0)
				: Buffer.from(JSON.stringify(body), 'utf8');
	headers['content-length'] = String(rawBody.length);
	let bodyData = {};
	const media = (headers['content-type'] || '').split(';')[0].trim();
	if (media === 'application/json' && rawBody.length) {
		try {
			bodyData = JSON.parse(rawBody.toString('utf8'));
		} catch {
			// n8n answers invalid JSON itself (422) before webhook() runs
			return {
				status: 422,
				body: { message: 'Failed to parse request body' },
				headers: {},
				started: false,
				byN8n: true,
			};
		}
	} else if (media === 'text/plain') {
		bodyData = rawBody.toString('utf8');
	}
	const allParams = parametersOf(trigger.description, params);
	const response = { headers: {} };
	const res = {
		status(code) {
			response.status = code;
			return res;
		},
		json(value) {
			response.body = value;
			return res;
		},
		setHeader(name, value) {
			response.headers[String(name).toLowerCase()] = value;
			return res;
		},
	};
	const staticData = store ? JSON.parse(JSON.stringify(store.saved)) : {};
	const http = createHttpHelpers({ node, authenticate, time, timeoutScale });
	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: workflowId, name: 'Faults', active: true }),
		getMode: () => mode,
		getNodeParameter: (name, fallback) =>
			allParams[name] === undefined ? fallback : allParams[name],
		getBodyData: () => bodyData,
		getHeaderData: () => headers,
		getQueryData: () => query,
		getRequestObject: () => ({ headers, query, rawBody, body: bodyData }),
		getResponseObject: () => res,
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => `https://n8n.example.com/webhook/${node.webhookId}/aihomedesign`,
		...apiAccess({ apiKey, baseUrl, logs, http, credentialsMissing }),
	};
	const t0 = process.hrtime.bigint();
	const result = await trigger.webhook.call(context);
	const answerMs = Number(process.hrtime.bigint() - t0) / 1e6;
	if (result.workflowData && store && store.persistWebhookWrites) {
		store.saved = JSON.parse(JSON.stringify(staticData));
	}
	const outcome = {
		result,
		started: !!result.workflowData,
		items: result.workflowData ? result.workflowData[0].map((i) => i.json) : undefined,
		answerMs,
		logs,
		apiCalls: http.calls,
	};
	if (result.noWebhookResponse) {
		return { ...outcome, status: response.status, body: response.body, headers: response.headers };
	}
	return {
		...outcome,
		status: 200,
		body: result.workflowData ? { received: true } : result.webhookResponse,
		headers: response.headers,
	};
}

// ---------------------------------------------------------------- leak checks

/**
 * Every string reachable from `value` (own properties, enumerable or not, so an Error's message,
 * stack, cause, context and description are included), joined: search it for secrets.
 */
function deepText(value, limit = 64 * 1024 * 1024) {
	const out = [];
	let size = 0;
	const seen = new Set();
	const walk = (v, depth) => {
		if (size > limit || depth > 40) return;
		if (typeof v === 'string') {
			out.push(v);
			size += v.length;
			return;
		}
		if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
			out.push(String(v));
			return;
		}
		if (!v || (typeof v !== 'object' && typeof v !== 'function')) return;
		if (seen.has(v)) return;
		seen.add(v);
		if (Buffer.isBuffer(v)) {
			out.push(v.toString('latin1'));
			size += v.length;
			return;
		}
		if (v instanceof Readable) return;
		if (v instanceof Map) {
			for (const [k, x] of v) {
				walk(k, depth + 1);
				walk(x, depth + 1);
			}
			return;
		}
		if (v instanceof Set) {
			for (const x of v) walk(x, depth + 1);
			return;
		}
		if (typeof v === 'function') return;
		for (const key of Object.getOwnPropertyNames(v)) {
			out.push(key);
			let x;
			try {
				x = v[key];
			} catch {
				continue;
			}
			walk(x, depth + 1);
		}
	};
	walk(value, 0);
	try {
		out.push(JSON.stringify(value));
	} catch {
		// circular: the walk covered it
	}
	return out.join('\n');
}

// ---------------------------------------------------------------- statistics

function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[i];
}

/** 24-hex ids that look like the platform's, unique within a run. */
function idFactory(seed = Math.floor(Math.random() * 0xffffff)) {
	const prefix = Math.floor(Date.now() / 1000)
		.toString(16)
		.padStart(8, '0');
	const middle = seed.toString(16).padStart(6, '0').slice(-6);
	let n = 0;
	return () => `${prefix}${middle}${(n++).toString(16).padStart(10, '0')}`;
}

module.exports = {
	parametersOf,
	CREDENTIAL_TYPE,
	createVirtualTime,
	createRealTime,
	installClock,
	createHttpHelpers,
	createExecuteContext,
	deliverToTrigger,
	deepText,
	percentile,
	idFactory,
	streamToBuffer,
};
