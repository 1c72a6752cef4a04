/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// Ends what a crashed or careless run left behind. Only a safety net: a watchdog ends its group by itself
// when its owner dies; this catches the rest (e.g. a watchdog killed with SIGKILL).
import fs from 'node:fs';

import { sleep } from '../../support/sleep';
import { isAlive } from './process';
import { readRegistryEntry, registryFiles, registryOwner, removeRegistryEntry } from './registry';

/**
 * Ends every watched process (n8n, n8n CLI runs, the queue suite's Redis and Postgres) started by this
 * process or by a process that is gone, and removes their folders. Live runs of other processes are left
 * alone. Resolves with how many were found.
 */
export async function stopLeftovers({ graceMs = 15000 } = {}): Promise<number> {
	let found = 0;
	for (const file of registryFiles()) {
		const entry = readRegistryEntry(file);
		if (!entry) continue;
		// The owner is the jest process (or worker) that started the watchdog.
		const ours = entry.ownerPid === process.pid || registryOwner(file) === process.pid;
		if (isAlive(entry.ownerPid) && !ours) continue;
		found++;
		if (isAlive(entry.watchdogPid)) {
			try {
				process.kill(entry.watchdogPid, 'SIGHUP');
			} catch {
				// gone
			}
			const deadline = Date.now() + graceMs;
			while (isAlive(entry.watchdogPid) && Date.now() < deadline) await sleep(100);
		}
		try {
			process.kill(-entry.groupPid, 'SIGKILL');
		} catch {
			// group gone, as expected
		}
		if (entry.dir) fs.rmSync(entry.dir, { recursive: true, force: true });
		removeRegistryEntry(file);
	}
	return found;
}
