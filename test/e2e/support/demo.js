'use strict';
// Runs the demo script (test/demo/run-demo.js) as a user would, for the e2e test that proves it works.
const { spawn } = require('child_process');
const path = require('path');
const { freePort } = require('./n8n-instance');
const { REPO_ROOT } = require('./runtime');

const DEMO_SCRIPT = path.join(REPO_ROOT, 'test', 'demo', 'run-demo.js');

/**
 * `node test/demo/run-demo.js --check` on free ports (not the demo's fixed 5678/5680, which a person may be
 * using), with this run's tarball so that it does not build again. Resolves with its exit code and output.
 * @param {{ tarball?: string, env?: Record<string,string>, timeoutMs?: number }} [options]
 */
async function runDemoCheck(options = {}) {
	const n8nPort = await freePort();
	let simPort = await freePort();
	while (simPort === n8nPort) simPort = await freePort();
	const env = {
		...process.env,
		DEMO_N8N_PORT: String(n8nPort),
		DEMO_SIM_PORT: String(simPort),
		...(options.tarball ? { DEMO_TARBALL: options.tarball } : {}),
		...(options.env || {}),
	};
	delete env.DEMO_CHECK;
	const t0 = Date.now();
	return await new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [DEMO_SCRIPT, '--check'], {
			cwd: REPO_ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGINT'), options.timeoutMs || 240000);
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

module.exports = { runDemoCheck, DEMO_SCRIPT };
