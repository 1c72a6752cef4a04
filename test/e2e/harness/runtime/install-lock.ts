/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { sleep } from '../../../support/sleep';
import { log } from './npm';

/**
 * One installer per cache folder at a time (a demo beside a test run): a folder as the lock, no flock.
 * `what` names the folder being installed (node-24.21.0, n8n-2.41.1), so installs of others go on.
 */
export async function withInstallLock<T>(
	cacheDir: string,
	what: string,
	work: () => Promise<T>,
): Promise<T> {
	const lock = path.join(cacheDir, `.install-${what}.lock.d`);
	const owner = path.join(lock, 'owner.json');
	const deadline = Date.now() + 45 * 60000;
	let told = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(
				owner,
				JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }),
			);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let holder: { pid?: number; host?: string } = {};
			try {
				holder = JSON.parse(fs.readFileSync(owner, 'utf8'));
			} catch {
				// being written, or left half-made by a crash: judged by age below
			}
			const sameHost = holder.host === os.hostname();
			const age =
				Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
			if ((sameHost && holder.pid && !isRunning(holder.pid)) || (!holder.pid && age > 60000)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!told)
				log(`another install of ${what} is running (pid ${holder.pid ?? '?'}): waiting for it`);
			told = true;
			if (Date.now() > deadline)
				throw new Error(`waited 45 min for ${lock}; remove it if no install is running`);
			await sleep(2000);
		}
	}
	try {
		return await work();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
