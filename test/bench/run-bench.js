#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: the package measured side by side with references, in one run, with ratios.
 *
 *   1. Trigger ingestion in a real n8n: deliveries/s and p50/p99 answer time at 1, 10 and 50 concurrent
 *      senders, AI HomeDesign Trigger vs n8n's built-in Webhook node vs a do-nothing community trigger, same
 *      instance, same payload; with n8n's default expression engine, then with the legacy one.
 *   2. The trigger's own work per delivery (validation, dedupe, filters), in-process, vs JSON.parse.
 *   3. Waiting on 1, 10, 50 processes (real node code, real HTTP simulator, virtual clock): wall time vs
 *      the slowest process, status calls per process vs the 5-second-rule minimum; the same for a
 *      one-at-a-time loop. Plus one real-time run (10 processes, 5–30 s).
 *   4. Result downloads in a real n8n: 50 images of 8 MiB, peak RSS of the n8n process vs bytes moved,
 *      filesystem binary mode (n8n 2.41's default) and in-memory ('default') mode.
 *
 * Options: --only=1,2,3,4   --quick (shorter runs)   BENCH_TARBALL=<.tgz> (skips build and pack; parts 2
 * and 3 then use the existing dist/). Prints a table; writes the figures to <tmpdir>/aihd-bench-results.json.
 * Needs `npm install`; the n8n parts use the runtime cache of the e2e tests (installed on first use).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const ONLY = (args.find((a) => a.startsWith('--only=')) || '--only=1,2,3,4')
	.slice('--only='.length)
	.split(',')
	.map(Number);
const QUICK = args.includes('--quick');
const RESULTS_FILE = path.join(os.tmpdir(), 'aihd-bench-results.json');

const started = Date.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const step = (text) =>
	process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${text}\n`);
const results = { startedAt: new Date().toISOString(), node: process.version, sections: [] };

// ------------------------------------------------------------------ table output

/** A section: title, note lines, column headers, rows (arrays of cells). */
function section(title, notes, headers, rows) {
	results.sections.push({ title, notes, headers, rows });
}

function printTable({ title, notes, headers, rows }) {
	const cells = [headers, ...rows].map((r) =>
		r.map((c) => (c === undefined || c === null ? '-' : String(c))),
	);
	const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] || '').length)));
	const line = (r) =>
		`| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
	const out = [`\n## ${title}`];
	for (const n of notes) out.push(`   ${n}`);
	out.push(line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const r of cells.slice(1)) out.push(line(r));
	process.stdout.write(`${out.join('\n')}\n`);
}

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const pct = (sorted, p) => {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const pass = (ok) => (ok ? 'PASS' : 'FAIL');

// ------------------------------------------------------------------ shared set-up

let tarball;
let packDir;
function ensureBuilt() {
	if (tarball) return;
	if (process.env.BENCH_TARBALL) {
		tarball = process.env.BENCH_TARBALL;
		if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes')))
			throw new Error('BENCH_TARBALL set but dist/ is missing');
		return;
	}
	const { packPackage } = require('../e2e/support/package-tarball');
	packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-bench-pack-'));
	step('building and packing the package (npm run build, npm pack)');
	tarball = packPackage({ destDir: packDir });
}

function dist(rel) {
	return require(path.join(ROOT, 'dist', rel));
}

let core;
function simCore() {
	if (!core) core = require('../simulator/build').loadCore();
	return core;
}

const harness = require('../faults/harness');
const { startSimulator } = require('../simulator/http-server');

/** An order with one photo on the simulator (not through the node). */
function makeOrder(platform, apiKey) {
	const { encodeForm, makeJpeg } = simCore();
	const { body, contentType } = encodeForm([
		{
			name: 'asset_file',
			filename: 'room.jpg',
			contentType: 'image/jpeg',
			data: makeJpeg({ level: 90 }),
		},
		{ name: 'asset_role', value: 'primary_angle' },
	]);
	const res = platform.handle({
		method: 'POST',
		path: '/v3/order',
		query: {},
		headers: { 'x-api-key': apiKey, 'content-type': contentType },
		body,
	});
	if (res.status !== 201) throw new Error(`order: ${res.status}`);
	return { orderId: res.body.data.order_id, assetId: res.body.data.assets[0].id };
}

function makeProcess(platform, apiKey) {
	const { orderId, assetId } = makeOrder(platform, apiKey);
	const res = platform.handle({
		method: 'POST',
		path: '/v3/process',
		query: {},
		headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
		body: Buffer.from(JSON.stringify(simCore().stagingBody(orderId, assetId))),
	});
	if (res.status !== 201) throw new Error(`process: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.data.process_ids[0];
}

const nextId = harness.idFactory(0xbe7c4);
function completionBody(i) {
	const assetId = nextId();
	return {
		event: 'process.completed',
		process_id: nextId(),
		order_id: nextId(),
		tool: 'tool-virtual-staging',
		status: i % 5 === 4 ? 'failed' : 'done',
		final_assets:
			i % 5 === 4
				? []
				: [
						{
							asset_id: assetId,
							asset_type: 'image',
							temp_src: `https://cdn.aihomedesign.com/${assetId}.jpg`,
							temp_thumbnail_src: `https://cdn.aihomedesign.com/${assetId}_thumb.jpg`,
						},
					],
	};
}

// ------------------------------------------------------------------ 2. trigger cost in-process

async function benchTriggerCost() {
	step('2. trigger work per delivery, in-process');
	const { AiHomeDesignTrigger } = dist('nodes/AiHomeDesign/AiHomeDesignTrigger.node.js');
	const { resetDeliveryMemory } = dist('nodes/AiHomeDesign/trigger/dedupe.js');
	const trigger = new AiHomeDesignTrigger();
	const node = {
		id: 'bench-trigger',
		name: 'AI HomeDesign Trigger',
		type: 'n8n-nodes-aihomedesign.aiHomeDesignTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		webhookId: 'be7c0000-0000-4000-8000-000000000001',
	};
	const noop = () => {};
	const logger = { debug: noop, info: noop, warn: noop, error: noop };
	const res = { status: () => res, json: () => res, setHeader: () => res };
	const returnJsonArray = (d) => (Array.isArray(d) ? d : [d]).map((json) => ({ json }));
	/** A context as n8n gives webhook(): the body already parsed (JSON content type). */
	function context(raw, parsed, params, staticData, query = {}) {
		const headers = { 'content-type': 'application/json', 'content-length': String(raw.length) };
		const p = harness.parametersOf(trigger.description, params);
		return {
			getNode: () => node,
			getWorkflow: () => ({ id: 'bench-wf', name: 'bench', active: true }),
			getMode: () => 'webhook',
			getNodeParameter: (name, fallback) => (p[name] === undefined ? fallback : p[name]),
			getBodyData: () => parsed,
			getHeaderData: () => headers,
			getQueryData: () => query,
			getRequestObject: () => ({ headers, query, rawBody: raw, body: parsed }),
			getResponseObject: () => res,
			getWorkflowStaticData: () => staticData,
			logger,
			helpers: { returnJsonArray },
		};
	}
	const N = QUICK ? 5000 : 20000;
	const bodies = Array.from({ length: N + 2000 }, (_, i) => {
		const raw = Buffer.from(JSON.stringify(completionBody(i)));
		return { raw, parsed: JSON.parse(raw.toString('utf8')) };
	});
	const bytes = bodies[0].raw.length;
	async function measure(label, fn, runs = N, warm = 2000) {
		for (let i = 0; i < warm; i++) await fn(i);
		const t0 = process.hrtime.bigint();
		for (let i = 0; i < runs; i++) await fn(i + warm);
		const us = Number(process.hrtime.bigint() - t0) / 1e3 / runs;
		step(`   ${label}: ${us.toFixed(2)} µs`);
		return us;
	}
	let sink = 0;
	const parse = await measure('JSON.parse', async (i) => {
		sink += JSON.parse(bodies[i].raw.toString('utf8')).status.length;
	});
	const ctxOnly = await measure('context only', async (i) => {
		sink += Object.keys(context(bodies[i].raw, bodies[i].parsed, {}, {})).length;
	});
	resetDeliveryMemory();
	let started = 0;
	const fresh = await measure('new completion', async (i) => {
		const r = await trigger.webhook.call(context(bodies[i].raw, bodies[i].parsed, {}, {}));
		if (r.workflowData) started++;
	});
	const freshStarted = started;
	const dup = await measure('duplicate', async (i) => {
		const b = bodies[(i % 500) + bodies.length - 500];
		await trigger.webhook.call(context(b.raw, b.parsed, {}, {}));
	});
	const filtered = await measure('filtered out', async (i) => {
		await trigger.webhook.call(
			context(bodies[i].raw, bodies[i].parsed, { statusFilter: 'failed' }, {}),
		);
	});
	// A host that saves static data: the node's ledger there grows to 1,000 keys.
	resetDeliveryMemory();
	const persistent = {};
	const extra = Array.from({ length: N + 2000 }, (_, i) => {
		const raw = Buffer.from(JSON.stringify(completionBody(i)));
		return { raw, parsed: JSON.parse(raw.toString('utf8')) };
	});
	// 1,000 warm-up deliveries fill the ledger; then 500 measured (each costs milliseconds).
	const saved = await measure(
		'new completion, 1,000 keys in saved static data',
		async (i) => {
			await trigger.webhook.call(context(extra[i].raw, extra[i].parsed, {}, persistent));
		},
		500,
		1000,
	);
	const secretParams = { secret: 'bench-secret-value' };
	const secretQuery = { secret: 'bench-secret-value' };
	resetDeliveryMemory();
	let secretStarted = 0;
	const withSecret = await measure('new completion, with secret', async (i) => {
		const b = bodies[(i + 1000) % bodies.length];
		const r = await trigger.webhook.call(context(b.raw, b.parsed, secretParams, {}, secretQuery));
		if (r.workflowData) secretStarted++;
	});
	if (sink < 0) step('');
	const own = (us) => Math.max(0, us - ctxOnly);
	const rows = [
		['JSON.parse of the body (floor)', fmt(parse, 2), '1.0', ''],
		[
			'trigger: new completion → execution',
			fmt(own(fresh), 2),
			fmt(own(fresh) / parse, 1),
			`${freshStarted} of ${N + 2000} started`,
		],
		[
			'trigger: new completion, secret checked',
			fmt(own(withSecret), 2),
			fmt(own(withSecret) / parse, 1),
			`${secretStarted} started`,
		],
		['trigger: duplicate (dropped)', fmt(own(dup), 2), fmt(own(dup) / parse, 1), ''],
		['trigger: filtered out by status', fmt(own(filtered), 2), fmt(own(filtered) / parse, 1), ''],
		[
			'trigger: new completion, static data kept by host (1,000 keys)',
			fmt(own(saved), 2),
			fmt(own(saved) / parse, 1),
			'n8n 2.41 does not keep it',
		],
	];
	section(
		'2. Trigger work per delivery, in-process (µs per delivery; context set-up subtracted)',
		[
			`Body ${bytes} bytes; ${N} deliveries per row after 2,000 warm-up (last row: 500 after 1,000), sequential, Node ${process.version}.`,
			`The trigger gets the body parsed by n8n (so its cost comes on top of one JSON.parse); context set-up alone: ${fmt(ctxOnly, 2)} µs.`,
		],
		['case', 'µs / delivery', '× JSON.parse', 'note'],
		rows,
	);
	resetDeliveryMemory();
	return { parse, fresh: own(fresh), dup: own(dup), filtered: own(filtered), saved: own(saved) };
}

// ------------------------------------------------------------------ 3. waiting on many processes

const POLL_MS = 5000;

function spread(n, minMs, maxMs) {
	if (n === 1) return [maxMs];
	return Array.from({ length: n }, (_, i) => Math.round(minMs + ((maxMs - minMs) * i) / (n - 1)));
}

async function waitScenario({ n, durations, mode, realTime }) {
	const { AiHomeDesign } = dist('nodes/AiHomeDesign/AiHomeDesign.node.js');
	const { clock } = dist('nodes/AiHomeDesign/helpers/clock.js');
	const { AiHomeDesignApi } = dist('credentials/AiHomeDesignApi.credentials.js');
	const { Platform } = simCore();
	const apiKey = 'test-api-key';
	const time = realTime ? harness.createRealTime() : harness.createVirtualTime();
	const restore = harness.installClock(clock, time);
	const platform = new Platform({
		apiKey,
		clock: { now: () => time.now() },
		publicBaseUrl: '',
		processDurationMs: (run) => durations[run.index],
		generationLimit: false,
	});
	const sim = await startSimulator({ platform });
	const orders = durations.map(() => makeOrder(platform, apiKey));
	const callsBefore = platform.calls.length;
	const node = {
		id: 'bench-action',
		name: 'AI HomeDesign',
		type: 'n8n-nodes-aihomedesign.aiHomeDesign',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const params = (i) => ({
		resource: 'process',
		operation: 'create',
		orderId: orders[i].orderId,
		tool: 'tool-virtual-staging',
		assetMap: {
			inputs: [{ slot: 'tool-virtual-staging-input-image', assetId: orders[i].assetId }],
		},
		widgetsInput: 'list',
		widgetItems: [
			'item-living-room-widget-space-tool-virtual-staging',
			'item-modern-widget-style-tool-virtual-staging',
		],
		waitForCompletion: true,
		waitOptions: {},
		resultFiles: 'none',
	});
	const run = async (indexes) => {
		const { context } = harness.createExecuteContext({
			node,
			baseUrl: sim.apiBaseUrl,
			apiKey,
			authenticate: new AiHomeDesignApi().authenticate,
			params: (itemIndex) => params(indexes[itemIndex]),
			items: indexes.map((i) => ({ json: { i } })),
			time,
		});
		const [out] = await new AiHomeDesign().execute.call(context);
		return out;
	};
	const t0 = time.now();
	const r0 = Date.now();
	let out = [];
	try {
		if (mode === 'batched') out = await run(durations.map((_, i) => i));
		else for (let i = 0; i < n; i++) out.push(...(await run([i])));
	} finally {
		await sim.stop();
		restore();
	}
	const wallMs = time.now() - t0;
	const calls = platform.calls.slice(callsBefore);
	const polls = calls.filter((c) => c.method === 'GET' && /^\/v3\/process\//.test(c.path));
	const creates = calls.filter((c) => c.method === 'POST' && c.path === '/v3/process');
	const refused = polls.filter((c) => c.status === 429).length;
	const minPolls = durations.reduce((s, d) => s + Math.ceil(d / POLL_MS), 0);
	const done = out.filter((i) => i.json.status === 'done').length;
	return {
		n,
		mode,
		wallMs,
		realMs: Date.now() - r0,
		slowestMs: Math.max(...durations),
		sumMs: durations.reduce((a, b) => a + b, 0),
		polls: polls.length,
		creates: creates.length,
		refused,
		minPolls,
		done,
	};
}

async function benchWaiting() {
	step('3. waiting on many processes');
	const rows = [];
	const checks = [];
	for (const n of [1, 10, 50]) {
		const durations = spread(n, 5000, 30000);
		for (const mode of ['batched', 'one at a time']) {
			const r = await waitScenario({ n, durations, mode, realTime: false });
			const bar = 1.1 * r.slowestMs + POLL_MS;
			const ok = mode === 'batched' ? r.wallMs <= bar && r.done === n : r.done === n;
			if (mode === 'batched') checks.push(ok);
			rows.push([
				`${n} × ${mode === 'batched' ? 'this node (one loop)' : 'one at a time (peers)'}`,
				'virtual',
				fmt(r.wallMs / 1000, 0),
				fmt(r.slowestMs / 1000, 0),
				fmt(r.wallMs / r.slowestMs, 2),
				mode === 'batched'
					? `≤ ${fmt(bar / 1000, 0)} s: ${pass(ok)}`
					: `Σ durations ${fmt(r.sumMs / 1000, 0)} s`,
				fmt(r.polls / n, 2),
				fmt(r.minPolls / n, 2),
				fmt(r.polls / r.minPolls, 2),
				r.refused,
				`${r.done}/${n}`,
				fmt(r.realMs / 1000, 1),
			]);
			step(
				`   ${n} ${mode}: ${fmt(r.wallMs / 1000, 0)} s virtual, ${r.polls} polls, ${r.refused} refused`,
			);
		}
	}
	if (!QUICK) {
		const durations = spread(10, 5000, 30000);
		const r = await waitScenario({ n: 10, durations, mode: 'batched', realTime: true });
		const bar = 1.1 * r.slowestMs + POLL_MS;
		checks.push(r.wallMs <= bar);
		rows.push([
			'10 × this node (one loop)',
			'real',
			fmt(r.wallMs / 1000, 1),
			fmt(r.slowestMs / 1000, 0),
			fmt(r.wallMs / r.slowestMs, 2),
			`≤ ${fmt(bar / 1000, 0)} s: ${pass(r.wallMs <= bar)}`,
			fmt(r.polls / 10, 2),
			fmt(r.minPolls / 10, 2),
			fmt(r.polls / r.minPolls, 2),
			r.refused,
			`${r.done}/10`,
			fmt(r.realMs / 1000, 1),
		]);
		step(`   10 batched, real time: ${fmt(r.wallMs / 1000, 1)} s`);
	}
	section(
		'3. Waiting on many processes (Process → Create with Wait for Completion, real node code, real HTTP simulator)',
		[
			'Durations spread evenly over 5–30 s; all processes created by one execution; poll interval 5 s (the platform minimum).',
			'virtual = a discrete-event clock shared by node and simulator (time jumps when no request is in flight); real = wall clock.',
			'"one at a time" = the same node run once per item in turn (create, wait, next), as one-at-a-time nodes do.',
			'min polls = ceil(duration / 5 s) per process: the fewest status requests that see it done within 5 s, never polling faster.',
		],
		[
			'scenario',
			'clock',
			'wall s',
			'slowest s',
			'wall/slowest',
			'bar (1.1×slowest + 5 s)',
			'polls/process',
			'min/process',
			'ratio',
			'429s',
			'done',
			'real s',
		],
		rows,
	);
	return checks.every(Boolean);
}

// ------------------------------------------------------------------ n8n parts (1 and 4)

const INGEST_TRIGGER = {
	id: 'aihdBenchTrig001',
	name: 'bench: AI HomeDesign Trigger',
	nodes: [
		{
			id: 'b1000000-0000-4000-8000-000000000001',
			name: 'AI HomeDesign Trigger',
			type: 'n8n-nodes-aihomedesign.aiHomeDesignTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'b1000000-0000-4000-8000-0000000000a1',
			parameters: {
				secret: '',
				statusFilter: 'both',
				toolFilter: 'any',
				verifyWithApi: false,
				options: {},
			},
		},
		{
			id: 'b1000000-0000-4000-8000-000000000002',
			name: 'Done',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [220, 0],
			parameters: {},
		},
	],
	connections: { 'AI HomeDesign Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};
const INGEST_WEBHOOK = {
	id: 'aihdBenchHook001',
	name: 'bench: built-in Webhook',
	nodes: [
		{
			id: 'b2000000-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b2000000-0000-4000-8000-0000000000a1',
			parameters: {
				httpMethod: 'POST',
				path: 'bench-builtin',
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			id: 'b2000000-0000-4000-8000-000000000002',
			name: 'Done',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [220, 0],
			parameters: {},
		},
	],
	connections: { Webhook: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};
/** A workflow whose first node is one of the reference triggers (test/bench/reference-nodes). */
function referenceWorkflow(id, type, webhookId) {
	return {
		id,
		name: `bench: ${type}`,
		nodes: [
			{
				id: `${webhookId}-n1`,
				name: 'Reference',
				type,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: {},
			},
			{
				id: `${webhookId}-n2`,
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { Reference: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}
const NULL_STATIC = referenceWorkflow(
	'aihdBenchNull001',
	'CUSTOM.benchNullTrigger',
	'b4000000-0000-4000-8000-0000000000a1',
);

const DOWNLOADS = {
	id: 'aihdBenchDown001',
	name: 'bench: download 50 results',
	nodes: [
		{
			id: 'b3000000-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b3000000-0000-4000-8000-0000000000a1',
			parameters: {
				httpMethod: 'POST',
				path: 'bench-downloads',
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
				options: {},
			},
		},
		{
			id: 'b3000000-0000-4000-8000-000000000002',
			name: 'One item per process',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.ids', options: { destinationFieldName: 'processId' } },
		},
		{
			id: 'b3000000-0000-4000-8000-000000000003',
			name: 'Get result',
			type: 'n8n-nodes-aihomedesign.aiHomeDesign',
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'process',
				operation: 'get',
				processId: '={{ $json.processId }}',
				resultFiles: 'full',
				binaryPropertyName: 'data',
			},
			credentials: {
				aiHomeDesignApi: { id: 'aihdBenchCred001', name: 'AI HomeDesign (bench simulator)' },
			},
		},
		{
			id: 'b3000000-0000-4000-8000-000000000004',
			name: 'Sizes',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [660, 0],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 's1', name: 'items', type: 'number', value: '={{ $input.all().length }}' },
						{
							id: 's2',
							name: 'bytes',
							type: 'number',
							value:
								'={{ $input.all().reduce((s, i) => s + Number(i.binary?.data?.bytes ?? 0), 0) }}',
						},
						{
							id: 's3',
							name: 'first',
							type: 'string',
							value: '={{ $input.first().binary?.data?.fileSize ?? "" }}',
						},
					],
				},
				options: {},
			},
			executeOnce: true,
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'One item per process', type: 'main', index: 0 }]] },
		'One item per process': { main: [[{ node: 'Get result', type: 'main', index: 0 }]] },
		'Get result': { main: [[{ node: 'Sizes', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

function readStatus(pid) {
	const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (k) => Number((new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text) || [])[1] || 0);
	return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

/** One closed-loop run: `senders` senders posting for `ms`; returns count, errors, latencies. */
async function ingestRun(url, senders, ms) {
	const { post } = require('../e2e/support/deliveries');
	const http = require('node:http');
	const agent = new http.Agent({ keepAlive: true, maxSockets: senders });
	const latencies = [];
	const errors = {};
	let started = 0;
	let ignored = 0;
	let i = 0;
	const t0 = Date.now();
	const end = t0 + ms;
	await Promise.all(
		Array.from({ length: senders }, async () => {
			while (Date.now() < end) {
				const r = await post(url, completionBody(i++), { agent, timeoutMs: 30000 });
				if (r.status >= 200 && r.status < 300) {
					latencies.push(r.ms);
					if (/"started":false/.test(r.body || '')) ignored++;
					else started++;
				} else {
					const k = r.status || r.error;
					errors[k] = (errors[k] || 0) + 1;
				}
			}
		}),
	);
	const elapsed = Date.now() - t0;
	agent.destroy();
	return { ok: latencies.length, latencies, errors, elapsed, started, ignored };
}

function ingestTargets(n8n, which) {
	const all = {
		trigger: {
			name: 'AI HomeDesign Trigger',
			url: n8n.webhookUrl(`${INGEST_TRIGGER.nodes[0].webhookId}/aihomedesign`),
			workflowId: INGEST_TRIGGER.id,
		},
		builtin: {
			name: 'built-in Webhook',
			url: n8n.webhookUrl('bench-builtin'),
			workflowId: INGEST_WEBHOOK.id,
		},
		nullStatic: {
			name: 'null trigger',
			url: n8n.webhookUrl(`${NULL_STATIC.nodes[0].webhookId}/null`),
			workflowId: NULL_STATIC.id,
		},
	};
	return which.map((k) => ({ key: k, ...all[k] }));
}

/** Runs every target at every level, in A B C D D C B A order per level; returns per level per target figures. */
async function ingestLevels(n8n, targets, levels, runMs) {
	const { waitForIdle } = require('../e2e/support/deliveries');
	for (const t of targets) await ingestRun(t.url, 10, 2000); // warm-up
	for (const t of targets) await waitForIdle(n8n, t.workflowId, { timeoutMs: 60000 });
	const out = {};
	for (const senders of levels) {
		const acc = Object.fromEntries(targets.map((t) => [t.key, []]));
		for (const t of [...targets, ...[...targets].reverse()]) {
			const r = await ingestRun(t.url, senders, runMs);
			acc[t.key].push(r);
			await waitForIdle(n8n, t.workflowId, { timeoutMs: 120000 });
			step(
				`   ${senders} senders, ${t.name}: ${r.ok} in ${r.elapsed} ms, errors ${JSON.stringify(r.errors)}`,
			);
		}
		out[senders] = {};
		for (const t of targets) {
			const runs = acc[t.key];
			const lat = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
			const ok = runs.reduce((sum, r) => sum + r.ok, 0);
			const ms = runs.reduce((sum, r) => sum + r.elapsed, 0);
			const errors = {};
			for (const r of runs)
				for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] || 0) + v;
			out[senders][t.key] = {
				rate: (ok * 1000) / ms,
				p50: pct(lat, 50),
				p99: pct(lat, 99),
				ok,
				errors,
				ignored: runs.reduce((sum, r) => sum + r.ignored, 0),
			};
		}
	}
	return out;
}

const errs = (e) => (Object.keys(e).length ? JSON.stringify(e) : '0');

const LEVELS = [1, 10, 50];
const PLATFORM_LIMIT_MS = 10_000;

/** One table: the trigger against n8n's built-in Webhook and the do-nothing community trigger. */
function ingestionRows(res) {
	return LEVELS.map((senders) => {
		const { trigger: t, builtin: b, nullStatic: n } = res[senders];
		const ratio = t.rate / b.rate;
		return [
			String(senders),
			fmt(t.rate, 1),
			fmt(b.rate, 1),
			fmt(n.rate, 1),
			fmt(ratio, 2),
			fmt(t.rate / n.rate, 2),
			`${fmt(t.p50, 0)} / ${fmt(t.p99, 0)}`,
			`${fmt(b.p50, 0)} / ${fmt(b.p99, 0)}`,
			`${fmt(n.p50, 0)} / ${fmt(n.p99, 0)}`,
			`${errs(t.errors)} / ${errs(b.errors)} / ${errs(n.errors)}`,
			`ratio ${pass(ratio >= 0.9)}; p99 ${fmt(t.p99 / 1000, 2)} s of 10 s ${pass(t.p99 < PLATFORM_LIMIT_MS / 2)}`,
		];
	});
}

const INGESTION_HEADERS = [
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
];

async function benchIngestion(n8n, { title, engineNote }) {
	step(`1. ${title}`);
	const RUN_MS = QUICK ? 3000 : 6000;
	const targets = ingestTargets(n8n, ['trigger', 'builtin', 'nullStatic']);
	const res = await ingestLevels(n8n, targets, LEVELS, RUN_MS);
	const { countExecutions } = require('../e2e/support/deliveries');
	const counts = [];
	for (const t of targets) counts.push(`${t.name} ${await countExecutions(n8n, t.workflowId)}`);
	section(
		`${title} (deliveries/s; answer time ms)`,
		[
			`n8n 2.41.1 on Node 24, SQLite, ${engineNote}, one instance, all workflows published, each trigger followed by a NoOp.`,
			`${RUN_MS / 1000} s closed-loop runs per node and level, in A B C C B A order, keep-alive; answer time = request sent → answer read.`,
			'Same payload everywhere: a ~400-byte process.completed body with a new process id each time, so every delivery starts an execution.',
			'AI HomeDesign Trigger as published by default: no secret, no filters, no Verify with API.',
			'null = a community webhook node that does nothing (test/bench/reference-nodes): what n8n costs any node that is not its own.',
			`Executions recorded (incl. warm-up): ${counts.join(', ')}.`,
		],
		INGESTION_HEADERS,
		ingestionRows(res),
	);
}

async function downloadRun(n8n, ids, label) {
	const { n8nPid } = require('../e2e/support/deliveries');
	const pid = n8nPid(n8n);
	if (!pid) throw new Error('could not find the n8n process');
	// Let n8n settle, then take the baseline and reset the high-water mark.
	await sleep(3000);
	let hwmReset = true;
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
	} catch {
		hwmReset = false;
	}
	const base = readStatus(pid);
	let peak = base.rssKb;
	let sampling = true;
	const sampler = (async () => {
		while (sampling) {
			try {
				peak = Math.max(peak, readStatus(pid).rssKb);
			} catch {
				return;
			}
			await sleep(10);
		}
	})();
	const logMark = n8n._logMark();
	const t0 = Date.now();
	const res = await n8n.callWebhook('bench-downloads', { body: { ids } });
	const ms = Date.now() - t0;
	sampling = false;
	await sampler;
	const after = readStatus(pid);
	const hwm = hwmReset ? after.hwmKb : NaN;
	let error;
	if (res.status !== 200) {
		try {
			const [last] = await n8n.listExecutions({ workflowId: DOWNLOADS.id, limit: 1 });
			const e = last && last.data && last.data.resultData && last.data.resultData.error;
			error = e
				? `${e.message}${e.node ? ` (node ${e.node.name})` : ''}`
				: `execution ${last && last.status}`;
		} catch (e) {
			error = `could not read the execution: ${e.message}`;
		}
		const logged = n8n
			.logsSince(logMark)
			.split('\n')
			.filter((l) => /error|invalid|heap|cannot/i.test(l))
			.slice(0, 3)
			.join(' | ');
		const range = /RangeError: [^|\n"]+/.exec(logged);
		if (range) error = `${range[0].trim()} (n8n, saving the execution: ${error})`;
		else if (logged) error += `; n8n log: ${logged.slice(0, 300)}`;
	}
	step(
		`   ${label}: ${res.status} in ${ms} ms, ${res.text.slice(0, 160)}${error ? `; ${error}` : ''}`,
	);
	return {
		label,
		status: res.status,
		answer: res.json,
		error,
		ms,
		baseKb: base.rssKb,
		peakKb: Math.max(peak, hwmReset ? hwm : 0),
		afterKb: after.rssKb,
		hwmReset,
	};
}

async function benchDownloads(n8n, sim) {
	step('4. result downloads in a real n8n (50 × 8 MiB)');
	const COUNT = 50;
	const SIZE = 8 * 1024 * 1024;
	const ids = Array.from({ length: COUNT }, () => makeProcess(sim.platform, 'test-api-key'));
	// Generate the images once (the simulator caches them), so the runs time n8n, not the JPEG maker.
	for (const p of sim.platform.processes()) {
		for (const a of p.final_assets)
			sim.platform.handle({ method: 'GET', path: new URL(a.src).pathname, query: {}, headers: {} });
	}
	const movedMiB = (COUNT * SIZE) / 1048576;
	const runs = [];
	step('   restarting n8n (fresh process for a clean baseline)');
	await n8n.restart({ env: { N8N_EXPRESSION_ENGINE: 'vm' } });
	runs.push(await downloadRun(n8n, ids, 'filesystem (n8n 2.41 default)'));
	step('   restarting n8n with N8N_DEFAULT_BINARY_DATA_MODE=default (in memory)');
	await n8n.restart({ env: { N8N_DEFAULT_BINARY_DATA_MODE: 'default' } });
	runs.push(await downloadRun(n8n, ids, 'in memory (N8N_DEFAULT_BINARY_DATA_MODE=default)'));
	const rows = runs.map((r) => {
		const growthMiB = (r.peakKb - r.baseKb) / 1024;
		const ok =
			r.status === 200 && r.answer && r.answer.items === COUNT && r.answer.bytes === COUNT * SIZE;
		return [
			r.label,
			ok
				? `${COUNT} × ${fmt(SIZE / 1048576, 0)} MiB stored`
				: `FAILED (${r.status}): ${String(r.error).slice(0, 120)}`,
			fmt(r.ms / 1000, 1),
			fmt(movedMiB / (r.ms / 1000), 0),
			fmt(r.baseKb / 1024, 0),
			fmt(r.peakKb / 1024, 0),
			fmt(growthMiB, 0),
			fmt(growthMiB / movedMiB, 2),
		];
	});
	section(
		'4. Result downloads in a real n8n (Process → Get, Download Full Size, 50 processes)',
		[
			`Bytes moved: ${COUNT} × ${SIZE} = ${fmt(movedMiB, 0)} MiB from the simulator to n8n over loopback; the workflow answers when all are stored.`,
			'RSS of the n8n main process: baseline after 3 s idle; peak = max of VmRSS polled every 10 ms and VmHWM (reset via clear_refs before the run).',
			'Streamed = peak growth far below the bytes moved (one image in flight at a time would be ~8 MiB plus buffers).',
		],
		[
			'binary data mode',
			'result',
			'time s',
			'MiB/s',
			'RSS before MiB',
			'RSS peak MiB',
			'growth MiB',
			'growth / moved',
		],
		rows,
	);
	return runs;
}

async function benchN8n(parts) {
	ensureBuilt();
	const { startN8n } = require('../e2e/support/n8n-instance');
	const sim = await startSimulator({
		core: simCore(),
		platformOptions: {
			apiKey: 'test-api-key',
			processDurationMs: 0,
			generationLimit: false,
			pollMinIntervalMs: false,
			resultImageBytes: 8 * 1024 * 1024,
		},
	});
	step('starting n8n (ingestion + download workflows)');
	const n8n = await startN8n({
		tarball,
		workflows: [INGEST_TRIGGER, INGEST_WEBHOOK, NULL_STATIC, DOWNLOADS],
		publish: [INGEST_TRIGGER.id, INGEST_WEBHOOK.id, NULL_STATIC.id, DOWNLOADS.id],
		publishVia: 'api',
		credentials: [
			{
				id: 'aihdBenchCred001',
				name: 'AI HomeDesign (bench simulator)',
				type: 'aiHomeDesignApi',
				data: { apiKey: 'test-api-key', baseUrl: sim.apiBaseUrl },
			},
		],
		env: { N8N_LOG_LEVEL: 'warn', N8N_CUSTOM_EXTENSIONS: path.join(__dirname, 'reference-nodes') },
	});
	const out = {};
	try {
		// Production webhooks register just after start.
		await n8n.callWebhook('bench-builtin', { body: { warm: true }, retry404Ms: 15000 });
		if (parts.includes(1)) {
			await benchIngestion(n8n, {
				title: '1a. Trigger ingestion in a real n8n, default settings',
				engineNote: "default expression engine ('vm')",
			});
			step('   restarting n8n with N8N_EXPRESSION_ENGINE=legacy');
			await n8n.restart({ env: { N8N_EXPRESSION_ENGINE: 'legacy' } });
			await benchIngestion(n8n, {
				title: "1b. The same with n8n's legacy expression engine",
				engineNote:
					"N8N_EXPRESSION_ENGINE=legacy (the 'vm' engine takes an isolate per webhook call for every node but n8n's own Webhook)",
			});
		}
		if (parts.includes(4)) out.downloads = await benchDownloads(n8n, sim);
	} catch (error) {
		process.stderr.write(
			`${error.stack}\n--- n8n log tail ---\n${n8n.logs().split('\n').slice(-40).join('\n')}\n`,
		);
		throw error;
	} finally {
		await n8n.stop();
		await sim.stop();
	}
	return out;
}

// ------------------------------------------------------------------ main

async function main() {
	step(`parts ${ONLY.join(', ')}${QUICK ? ' (quick)' : ''}`);
	if (ONLY.includes(2) || ONLY.includes(3) || ONLY.includes(1) || ONLY.includes(4)) ensureBuilt();
	if (ONLY.includes(2)) await benchTriggerCost();
	if (ONLY.includes(3)) await benchWaiting();
	if (ONLY.includes(1) || ONLY.includes(4)) await benchN8n(ONLY);
	results.sections.sort((a, b) => a.title.localeCompare(b.title));
	process.stdout.write(
		`\n# AI HomeDesign benchmarks (${new Date().toISOString()}, ${os.cpus().length} CPU, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB)\n`,
	);
	for (const s of results.sections) printTable(s);
	fs.writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2));
	process.stdout.write(
		`\nFigures written to ${RESULTS_FILE}; total ${fmt((Date.now() - started) / 1000, 0)} s.\n`,
	);
}

main()
	.catch((error) => {
		process.stderr.write(`bench failed: ${error.stack || error}\n`);
		process.exitCode = 1;
	})
	.finally(() => {
		if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
	});
