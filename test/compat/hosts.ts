/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
/**
 * The host libraries the compatibility test loads the built package with: the n8n-workflow and zod versions
 * of test/compat/hosts/package.json (npm aliases such as `n8n-workflow-1.83`), installed from the committed
 * package-lock.json beside it into a cache outside the repository, next to the e2e runtime:
 * ~/.cache/n8n-nodes-aihomedesign/compat-<first 12 hex of the lock's sha256>. The first run needs the npm
 * registry (~250 packages, about half a minute); later runs reuse the folder. A changed lock is a new folder.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { installEnv, runtimeSettings } from '../e2e/harness/runtime';
import { REPO_ROOT } from '../support/repo';

export const HOSTS_DIR = path.join(REPO_ROOT, 'test', 'compat', 'hosts');
const DONE_FILE = '.aihd-compat-installed';

export interface Hosts {
	/** The installed folder; its node_modules holds one folder per alias. */
	dir: string;
	/** Whether this call installed it (false: reused). */
	installed: boolean;
	ms: number;
}

export function ensureHosts(): Hosts {
	const t0 = Date.now();
	const lock = fs.readFileSync(path.join(HOSTS_DIR, 'package-lock.json'));
	const hash = createHash('sha256').update(lock).digest('hex').slice(0, 12);
	const dir = path.join(runtimeSettings().cacheDir, `compat-${hash}`);
	if (fs.existsSync(path.join(dir, DONE_FILE)))
		return { dir, installed: false, ms: Date.now() - t0 };

	// Install beside the final folder and rename it into place: a crash leaves no half-made cache.
	const staging = `${dir}.partial-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	for (const f of ['package.json', 'package-lock.json'])
		fs.copyFileSync(path.join(HOSTS_DIR, f), path.join(staging, f));
	try {
		// --ignore-scripts: nothing here needs an install script (n8n-workflow 2.x lists isolated-vm, a native
		// addon for Node 24, that loading node descriptions never touches).
		execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
			cwd: staging,
			env: installEnv(),
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 15 * 60000,
		});
	} catch (error) {
		const e = error as { status?: number; stdout?: string; stderr?: string };
		fs.rmSync(staging, { recursive: true, force: true });
		throw new Error(
			`installing the compatibility hosts from ${path.relative(REPO_ROOT, HOSTS_DIR)}/package-lock.json failed ` +
				`(npm ci exited ${e.status}; the first run needs the npm registry):\n${e.stdout ?? ''}${e.stderr ?? ''}`,
		);
	}
	fs.writeFileSync(path.join(staging, DONE_FILE), `${new Date().toISOString()}\n`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(staging, dir);
	return { dir, installed: true, ms: Date.now() - t0 };
}
