'use strict';
// Runs one command in a process group of its own and makes sure the whole group dies with its owner.
//   node watchdog.js <cleanup-dir|-> -- <command> [args...]
// The owner (n8n-instance.js) keeps this process's stdin open.
//   - SIGTERM (the owner's stop() / restart()): the group gets SIGTERM, then SIGKILL after AIHD_WATCHDOG_GRACE_MS;
//     the folder is kept (the owner removes it, or restarts n8n on it).
//   - stdin closes (the owner exited or crashed, however it died, even SIGKILL), SIGINT or SIGHUP (Ctrl-C,
//     closed terminal): the same, and <cleanup-dir> is removed once the group is gone.
// If the command exits by itself, whatever is left of its group is killed.
// The child's stdout/stderr pass through. Exits with the child's exit code (128+signal if signalled).
const { spawn } = require('child_process');
const fs = require('fs');

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
if (sep !== 1 || argv.length < 3) {
	process.stderr.write('usage: watchdog.js <cleanup-dir|-> -- <command> [args...]\n');
	process.exit(2);
}
const cleanupDir = argv[0] === '-' ? null : argv[0];
const [cmd, ...args] = argv.slice(2);
const graceMs = Number(process.env.AIHD_WATCHDOG_GRACE_MS || 10000);
delete process.env.AIHD_WATCHDOG_GRACE_MS;

const registryFile = process.env.AIHD_WATCHDOG_REGISTRY_FILE;
delete process.env.AIHD_WATCHDOG_REGISTRY_FILE;

const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
// So that a global teardown can find and end what a crashed test left running.
if (registryFile && child.pid) {
	try {
		fs.writeFileSync(
			registryFile,
			JSON.stringify({
				watchdogPid: process.pid,
				groupPid: child.pid,
				ownerPid: process.ppid,
				dir: cleanupDir,
				command: [cmd, ...args].join(' '),
			}),
		);
	} catch {
		// the registry is a safety net only
	}
}
function unregister() {
	if (!registryFile) return;
	try {
		fs.rmSync(registryFile, { force: true });
	} catch {
		// ignore
	}
}
let exited = false;
let stopping = false;
let ownerGone = false;

function killGroup(signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// group already gone
	}
}

function cleanup() {
	if (!cleanupDir || !ownerGone) return;
	try {
		fs.rmSync(cleanupDir, { recursive: true, force: true, maxRetries: 3 });
	} catch (error) {
		process.stderr.write(`[watchdog] could not remove ${cleanupDir}: ${error.message}\n`);
	}
}

function stop(removeFolder) {
	if (removeFolder) ownerGone = true;
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
	process.exit(code === null ? 128 + (require('os').constants.signals[signal] || 0) : code);
});
child.on('error', (error) => {
	process.stderr.write(`[watchdog] could not start ${cmd}: ${error.message}\n`);
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
