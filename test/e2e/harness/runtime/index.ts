/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
/**
 * The runtime the end-to-end tests, the demo and the benchmarks run n8n on: Node >= 24 (n8n 2.36+ refuses
 * older ones) and n8n installed from the lock committed in test/e2e/runtime/n8n-<version>/, in a cache
 * outside the repository. The first call installs (minutes, once per machine); every call checks what it
 * finds (Node runs, sqlite3 loads under it, n8n's CLI starts) and repairs or reinstalls a broken cache.
 *
 * It works the same from `npm test`, `npm run demo`, `npm run bench` or by hand: the installs it runs get an
 * environment without the npm_config_* settings that `npm run` hands down from the project's .npmrc
 * (ignore-scripts=true there silently turns `npm rebuild sqlite3` into a no-op).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from '../../../support/repo';
import { checkCli, checkSqlite } from './checks';
import { withInstallLock } from './install-lock';
import {
	buildSqlite,
	INSTALLER_VERSION,
	installN8n,
	RECORD_FILE,
	readRecord,
	sha256,
	type InstallRecord,
} from './n8n';
import { ensureNode } from './node';
import { installEnv, log } from './npm';
import { checkAndRepair } from './repair';

export { installEnv } from './npm';

export const DEFAULT_NODE_VERSION = '24.21.0';
export const DEFAULT_N8N_VERSION = '2.41.1';

export interface Runtime {
	cacheDir: string;
	/** Folder whose include/node has the headers native addons build against. */
	nodeDir: string;
	nodeBin: string;
	nodeExe: string;
	/** Where the Node came from: installed from npm into the cache, or already on this machine. */
	nodeSource: 'cache' | 'system';
	n8nDir: string;
	n8nModules: string;
	n8nBin: string;
	nodeVersion: string;
	n8nVersion: string;
	sqlite3Version: string;
}

export function runtimeSettings() {
	const n8nVersion = process.env.AIHD_N8N_VERSION || DEFAULT_N8N_VERSION;
	return {
		nodeVersion: process.env.AIHD_NODE_VERSION || DEFAULT_NODE_VERSION,
		n8nVersion,
		cacheDir:
			process.env.AIHD_CACHE_DIR ||
			path.join(
				process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
				'n8n-nodes-aihomedesign',
			),
		lockDir: path.join(REPO_ROOT, 'test', 'e2e', 'runtime', `n8n-${n8nVersion}`),
	};
}

let ready: Promise<Runtime> | undefined;

/** The checked runtime, installed or repaired first where needed. Memoized per process. */
export async function ensureRuntime(): Promise<Runtime> {
	ready ??= prepare();
	try {
		return await ready;
	} catch (error) {
		ready = undefined;
		throw error;
	}
}

async function prepare(): Promise<Runtime> {
	const t0 = Date.now();
	if (process.platform === 'win32') {
		throw new Error(
			'The end-to-end tests, the demo and the benchmarks run n8n from a cache that this installer builds on Linux and macOS only. On Windows, run them inside WSL.',
		);
	}
	const s = runtimeSettings();
	const lockFile = path.join(s.lockDir, 'package-lock.json');
	if (!fs.existsSync(lockFile)) {
		throw new Error(
			`no lock for n8n ${s.n8nVersion}: expected ${lockFile}. Supported: ${fs
				.readdirSync(path.dirname(s.lockDir))
				.filter((d) => d.startsWith('n8n-'))
				.map((d) => d.slice(4))
				.join(', ')}.`,
		);
	}
	fs.mkdirSync(s.cacheDir, { recursive: true });
	const n8nDir = path.join(s.cacheDir, `n8n-${s.n8nVersion}`);
	const n8nModules = path.join(n8nDir, 'node_modules');
	const n8nBin = path.join(n8nModules, 'n8n', 'bin', 'n8n');
	const lockSha256 = sha256(lockFile);

	const node = await withInstallLock(
		s.cacheDir,
		`node-${s.nodeVersion}`,
		async () => await ensureNode(s.cacheDir, s.nodeVersion),
	);
	const runtime = await withInstallLock(s.cacheDir, `n8n-${s.n8nVersion}`, async () => {
		const env = installEnv({
			PATH: `${node.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
			...(fs.existsSync(path.join(node.nodeDir, 'include', 'node'))
				? { npm_config_nodedir: node.nodeDir }
				: {}),
		});
		const { sqlite3Version } = await checkAndRepair(
			{
				n8nVersion: s.n8nVersion,
				n8nDir,
				hasCli: fs.existsSync(n8nBin),
				hasDir: fs.existsSync(n8nDir),
				record: readRecord(n8nDir),
				lockSha256,
				lockName: path.relative(REPO_ROOT, lockFile),
				nodeVersion: node.nodeVersion,
			},
			{
				sqlite: () => checkSqlite(node.nodeExe, n8nDir),
				cli: (full) => checkCli(node.nodeExe, n8nDir, n8nBin, s.n8nVersion, full),
			},
			{
				install: async (fresh) => await installN8n(n8nDir, s.lockDir, node, fresh),
				buildSqlite: async () => await buildSqlite(n8nDir, env),
				markComplete: () => {
					const done: InstallRecord = {
						installer: INSTALLER_VERSION,
						lockSha256,
						nodeVersion: node.nodeVersion,
						checkedAt: new Date().toISOString(),
					};
					fs.writeFileSync(path.join(n8nDir, RECORD_FILE), `${JSON.stringify(done, null, 2)}\n`);
				},
			},
			log,
		);
		return {
			...node,
			cacheDir: s.cacheDir,
			n8nDir,
			n8nModules,
			n8nBin,
			n8nVersion: s.n8nVersion,
			sqlite3Version,
		};
	});
	log(
		`ready: Node ${runtime.nodeVersion} (${runtime.nodeSource === 'cache' ? 'from the npm registry, cached' : runtime.nodeExe}), ` +
			`n8n ${runtime.n8nVersion}, sqlite3 ${runtime.sqlite3Version} loads; in ${runtime.cacheDir}; checked in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
	);
	return runtime;
}
