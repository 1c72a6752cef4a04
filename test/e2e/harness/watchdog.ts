/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test infrastructure, never shipped */
// Runs one command in a process group of its own and makes sure the whole group dies with its owner.
//   node --require tsx/cjs watchdog.ts <cleanup-dir|-> -- <command> [args...]      (started by process.ts)
// The owner keeps this process's stdin open.
//   - SIGTERM (the owner's stop() / restart()): the group gets SIGTERM, then SIGKILL after AIHD_WATCHDOG_GRACE_MS;
//     the folder is kept (the owner removes it, or restarts n8n on it).
//   - stdin closes (the owner exited or crashed, however it died, even SIGKILL), SIGINT or SIGHUP (Ctrl-C,
//     closed terminal): the same, and <cleanup-dir> is removed once the group is gone.
// If the command exits by itself, whatever is left of its group is killed.
// The command's stdout/stderr pass through. Exits with its exit code (128+signal if signalled).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

import { removeRegistryEntry, writeRegistryEntry } from './registry';

const argv = process.argv.slice(2);
if (argv.indexOf('--') !== 1 || argv.length < 3) {
	process.stderr.write('usage: watchdog.ts <cleanup-dir|-> -- <command> [args...]\n');
	process.exit(2);
}
const cleanupDir = argv[0] === '-' ? null : argv[0];
const [command, ...args] = argv.slice(2);
const graceMs = Number(process.env.AIHD_WATCHDOG_GRACE_MS ?? 10000);
const registryFile = process.env.AIHD_WATCHDOG_REGISTRY_FILE;
// Not for the command.
delete process.env.AIHD_WATCHDOG_GRACE_MS;
delete process.env.AIHD_WATCHDOG_REGISTRY_FILE;

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
const groupPid = child.pid;
if (registryFile && groupPid) {
	try {
		writeRegistryEntry(registryFile, {
			watchdogPid: process.pid,
			groupPid,
			ownerPid: process.ppid,
			dir: cleanupDir,
			command: [command, ...args].join(' '),
		});
	} catch {
		// the registry is a safety net and a pid lookup; the command runs without it
	}
}

let exited = false;
let stopping = false;
let ownerGone = false;

function unregister(): void {
	if (registryFile) removeRegistryEntry(registryFile);
}

function killGroup(signal: NodeJS.Signals): void {
	if (!groupPid) return;
	try {
		process.kill(-groupPid, signal);
	} catch {
		// group already gone
	}
}

function cleanup(): void {
	if (!cleanupDir || !ownerGone) return;
	try {
		fs.rmSync(cleanupDir, { recursive: true, force: true, maxRetries: 3 });
	} catch (error) {
		process.stderr.write(
			`[watchdog] could not remove ${cleanupDir}: ${(error as Error).message}\n`,
		);
	}
}

function stop(ownerLeft: boolean): void {
	if (ownerLeft) ownerGone = true;
	if (exited) {
		cleanup();
		unregister();
		process.exit(0);
	}
	if (stopping) return;
	stopping = true;
	killGroup('SIGTERM');
	// With its owner gone, n8n's stdout is a broken pipe and it has been seen to spin instead of shutting down.
	setTimeout(() => killGroup('SIGKILL'), ownerGone ? Math.min(graceMs, 3000) : graceMs).unref();
}

child.on('exit', (code, signal) => {
	exited = true;
	// Leave nothing of the group behind (n8n's task runner is its child).
	killGroup('SIGKILL');
	cleanup();
	unregister();
	process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
});
child.on('error', (error) => {
	process.stderr.write(`[watchdog] could not start ${command}: ${error.message}\n`);
	unregister();
	process.exit(127);
});

process.on('SIGTERM', () => stop(false));
process.on('SIGINT', () => stop(true));
process.on('SIGHUP', () => stop(true));
process.stdin.on('end', () => stop(true));
process.stdin.on('close', () => stop(true));
process.stdin.on('error', () => stop(true));
process.stdin.resume();
