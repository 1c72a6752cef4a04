/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test infrastructure, never shipped */
/**
 * Run in a child process by compat.test.ts, once per host: `tsx probe.ts <host folder> <bodies.json>`. The host
 * folder holds node_modules/{n8n-nodes-aihomedesign (package.json + dist), n8n-workflow, zod}, the last two
 * links to one version each, so the built package resolves them the way it does inside n8n (from the host, not
 * from this repository). Loads every entry of package.json "n8n" as n8n's loader does (require, `new`), reports
 * what the descriptions hold, runs the trigger's delivery check on each body, and prints one JSON line.
 * Imports nothing of the package or of n8n-workflow itself.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [hostDir, bodiesFile] = process.argv.slice(2);
const pkgDir = path.join(hostDir, 'node_modules', 'n8n-nodes-aihomedesign');
const requireFromPackage = createRequire(path.join(pkgDir, 'package.json'));

const versionOf = (name: string) =>
	(
		JSON.parse(
			fs.readFileSync(
				path.join(fs.realpathSync(path.join(hostDir, 'node_modules', name)), 'package.json'),
				'utf8',
			),
		) as { version: string }
	).version;

interface Property {
	name: string;
	type: string;
	options?: Array<{ value?: unknown; name?: string }>;
}
interface Description {
	name: string;
	displayName: string;
	version: number | number[];
	inputs?: unknown;
	outputs?: unknown;
	usableAsTool?: boolean;
	properties: Property[];
	credentials?: Array<{ name: string; required?: boolean }>;
	webhooks?: Array<{ name: string; httpMethod: string; path: string; responseMode?: string }>;
}

function summarizeNode(entry: string) {
	const exported = requireFromPackage(path.join(pkgDir, entry)) as Record<
		string,
		new () => unknown
	>;
	const [Class] = Object.values(exported);
	const node = new Class() as {
		description: Description;
		webhook?: unknown;
		execute?: unknown;
		webhookMethods?: { default?: Record<string, unknown> };
		methods?: { loadOptions?: Record<string, unknown> };
	};
	const d = node.description;
	return {
		entry,
		name: d.name,
		displayName: d.displayName,
		version: d.version,
		inputs: d.inputs,
		outputs: d.outputs,
		usableAsTool: d.usableAsTool ?? false,
		properties: d.properties.map((p) => `${p.name}:${p.type}`),
		credentials: d.credentials?.map((c) => `${c.name}${c.required ? ' (required)' : ''}`) ?? [],
		webhooks:
			d.webhooks?.map((w) => `${w.httpMethod} ${w.path} ${w.responseMode ?? ''}`.trim()) ?? [],
		webhookMethods: Object.keys(node.webhookMethods?.default ?? {}).sort(),
		hasWebhookFunction: typeof node.webhook === 'function',
		hasExecuteFunction: typeof node.execute === 'function',
		loadOptions: Object.keys(node.methods?.loadOptions ?? {}).sort(),
	};
}

function summarizeCredential(entry: string) {
	const exported = requireFromPackage(path.join(pkgDir, entry)) as Record<
		string,
		new () => unknown
	>;
	const [Class] = Object.values(exported);
	const credential = new Class() as {
		name: string;
		displayName: string;
		properties: Property[];
		authenticate?: { type?: string };
		test?: { request?: { url?: string } };
	};
	return {
		entry,
		name: credential.name,
		displayName: credential.displayName,
		properties: credential.properties.map((p) => `${p.name}:${p.type}`),
		authenticate: credential.authenticate?.type,
		test: credential.test?.request?.url,
	};
}

/** The trigger's delivery check (what decides the HTTP answer) with the bare minimum of a webhook context. */
function checkDelivery(body: unknown) {
	const { readDelivery } = requireFromPackage(
		path.join(pkgDir, 'dist', 'nodes', 'AiHomeDesign', 'trigger', 'delivery.js'),
	) as {
		readDelivery: (
			context: unknown,
		) => { ok: true } | { ok: false; refusal: { status: number; reason: string } };
	};
	const raw = Buffer.from(JSON.stringify(body));
	const context = {
		getRequestObject: () => ({
			headers: { 'content-type': 'application/json', 'content-length': String(raw.length) },
			rawBody: raw,
		}),
		getBodyData: () => body,
		// The trigger's options, as a node with defaults has them.
		getNodeParameter: (_name: string, fallback: unknown) => fallback,
	};
	const result = readDelivery(context);
	return result.ok ? { ok: true } : { ok: false, ...result.refusal };
}

function main() {
	const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const resolvedZod = fs.realpathSync(requireFromPackage.resolve('zod'));
	const report: Record<string, unknown> = {
		node: process.versions.node,
		n8nWorkflow: versionOf('n8n-workflow'),
		zod: versionOf('zod'),
		// Where the package's own require('zod') lands: must be the host's link, not this repository's zod.
		zodFromHost: resolvedZod.startsWith(fs.realpathSync(path.join(hostDir, 'node_modules', 'zod'))),
	};
	try {
		report.nodes = manifest.n8n.nodes.map(summarizeNode);
		report.credentials = manifest.n8n.credentials.map(summarizeCredential);
		const bodies = JSON.parse(fs.readFileSync(bodiesFile, 'utf8')) as Record<string, unknown>;
		report.deliveries = Object.fromEntries(
			Object.entries(bodies).map(([label, body]) => [label, checkDelivery(body)]),
		);
	} catch (error) {
		report.loadError = (error as Error).message;
	}
	console.log(JSON.stringify(report));
}

main();
