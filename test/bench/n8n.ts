/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
/**
 * The one n8n the n8n benchmarks share: the package built and packed as a user gets it (or AIHD_TARBALL),
 * the reference trigger compiled from reference-nodes/, every bench workflow published, and the
 * simulator its AI HomeDesign credential points at (instant processes, 8 MiB results, no limits).
 */
import fs from 'node:fs';
import path from 'node:path';

import { packPackage, startN8n, TARBALL_ENV, type N8nInstance } from '../e2e/harness';
import { tail } from '../e2e/harness/process';
import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { TEST_API_KEY } from '../support/credentials';
import { ALL_WORKFLOWS, benchCredential, BUILTIN_PATH } from './fixtures';
import { compileReferenceNodes } from './reference-nodes/compile';

export const RESULT_IMAGE_BYTES = 8 * 1024 * 1024;

export interface BenchN8n {
	n8n: N8nInstance;
	sim: RunningSimulator;
	/** n8n's log tail, for a benchmark that failed. */
	logTail(lines?: number): string;
	stop(): Promise<void>;
}

export async function startBenchN8n(step: (text: string) => void): Promise<BenchN8n> {
	const given = process.env[TARBALL_ENV];
	if (!given) step('building and packing the package (npm run build, npm pack)');
	const tarball = given ?? packPackage();
	const nodes = compileReferenceNodes();
	const cleanup = () => {
		nodes.remove();
		if (!given) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	};
	let sim: RunningSimulator | undefined;
	let n8n: N8nInstance | undefined;
	try {
		sim = await startSimulator({
			platformOptions: {
				apiKey: TEST_API_KEY,
				processDurationMs: 0,
				generationLimit: false,
				pollMinIntervalMs: false,
				resultImageBytes: RESULT_IMAGE_BYTES,
			},
		});
		step('starting n8n (ingestion and download workflows)');
		n8n = await startN8n({
			tarball,
			workflows: ALL_WORKFLOWS,
			publish: ALL_WORKFLOWS.map((w) => w.id as string),
			publishVia: 'api',
			credentials: [benchCredential(sim.apiBaseUrl)],
			env: { N8N_LOG_LEVEL: 'warn', N8N_CUSTOM_EXTENSIONS: nodes.dir },
		});
		// n8n reports a trigger it could not register (the reference node not loaded, say) only here.
		const unpublished = Object.entries(n8n.activation).filter(([, s]) => s.status !== 'published');
		if (unpublished.length)
			throw new Error(`workflows not published: ${JSON.stringify(unpublished)}`);
		// Production webhooks register just after start.
		await n8n.callWebhook(BUILTIN_PATH, { body: { warm: true }, retry404Ms: 15000 });
		const [instance, running] = [n8n, sim];
		return {
			n8n: instance,
			sim: running,
			logTail: (lines = 40) => tail(instance.logs(), lines),
			async stop() {
				try {
					await instance.stop();
					await running.stop();
				} finally {
					cleanup();
				}
			},
		};
	} catch (error) {
		if (n8n) process.stderr.write(`--- n8n log tail ---\n${tail(n8n.logs(), 40)}\n`);
		await n8n?.stop();
		await sim?.stop();
		cleanup();
		throw error;
	}
}
