/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test infrastructure, never shipped */
// Runs the demo (test/demo/run-demo.ts) as a user would, for the e2e test that proves it works.
import { spawn } from 'node:child_process';
import path from 'node:path';

import { freePorts } from '../../support/net';
import { REPO_ROOT } from '../../support/repo';
import { TSX_NODE_ARGS } from './process';
import { TARBALL_ENV } from './tarball';

export const DEMO_SCRIPT = path.join(REPO_ROOT, 'test', 'demo', 'run-demo.ts');

export interface DemoCheckResult {
	code: number | null;
	signal: string | null;
	stdout: string;
	stderr: string;
	durationMs: number;
	n8nPort: number;
	simPort: number;
}

/**
 * `run-demo.ts --check` on free ports (not the demo's fixed 5678/5680, which a person may be using), with
 * `tarball` as AIHD_TARBALL so that it does not build again. Resolves with its exit code and output.
 */
export async function runDemoCheck(
	options: { tarball?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<DemoCheckResult> {
	const [n8nPort, simPort] = await freePorts(2);
	const env: Record<string, string | undefined> = {
		...process.env,
		DEMO_N8N_PORT: String(n8nPort),
		DEMO_SIM_PORT: String(simPort),
		...(options.tarball ? { [TARBALL_ENV]: options.tarball } : {}),
		...(options.env ?? {}),
	};
	delete env.DEMO_CHECK;
	const t0 = Date.now();
	return await new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [...TSX_NODE_ARGS, DEMO_SCRIPT, '--check'], {
			cwd: REPO_ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => child.kill('SIGINT'), options.timeoutMs ?? 240000);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, durationMs: Date.now() - t0, n8nPort, simPort });
		});
	});
}
