/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test infrastructure, never shipped */
// Child processes of the harness: each runs under the watchdog (watchdog.ts), which ends its whole process
// group when asked to or when this process dies; everything it writes goes to a LogBuffer.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { newRegistryFile, readRegistryEntry } from './registry';
import type { Runtime } from './runtime';

const WATCHDOG = path.join(__dirname, 'watchdog.ts');
/** Node options that run a TypeScript entry point (CommonJS) through tsx, under Node 20 too. tsx's require hook
 * by absolute path: a bare `tsx` would be resolved from the child's working folder. It starts in ~0.25 s,
 * `--import tsx` (its ESM loader) in ~1 s, and every n8n CLI run starts a watchdog. */
export const TSX_NODE_ARGS = ['--require', require.resolve('tsx/cjs')];
const MAX_LOG_CHARS = 32 * 1024 * 1024;

/** Whether a process with this id exists (EPERM: it does, owned by someone else). */
export function isAlive(pid: number | undefined): boolean {
	if (!pid) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The last `lines` lines of a text (for error messages). */
export function tail(text: string, lines = 60): string {
	return text.split('\n').slice(-lines).join('\n');
}

/** What processes wrote, in order, keeping the newest MAX_LOG_CHARS (a fault run logs megabytes). */
export class LogBuffer {
	private chunks: string[] = [];
	private chars = 0;
	private dropped = 0;
	private watchers = new Set<{ marker: string; recent: string; seen: boolean }>();

	append(text: string): void {
		for (const w of this.watchers) {
			w.recent = (w.recent + text).slice(-Math.max(4096, w.marker.length * 2));
			if (w.recent.includes(w.marker)) {
				w.seen = true;
				this.watchers.delete(w);
			}
		}
		this.chunks.push(text);
		this.chars += text.length;
		while (this.chars > MAX_LOG_CHARS && this.chunks.length > 1) {
			const n = this.chunks.shift()!.length;
			this.chars -= n;
			this.dropped += n;
		}
	}

	/** A position for since(). */
	mark(): number {
		return this.dropped + this.chars;
	}

	/** What was appended after a mark(). */
	since(mark: number): string {
		return this.text().slice(Math.max(0, mark - this.dropped));
	}

	text(): string {
		return this.chunks.join('');
	}

	/** From now on, watches for `marker` in what is appended; the function says whether it has appeared. */
	watch(marker: string): () => boolean {
		const watcher = { marker, recent: '', seen: false };
		this.watchers.add(watcher);
		return () => watcher.seen;
	}
}

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

/** A command running under the watchdog. */
export class WatchedProcess {
	/** Set once the watchdog (and so the command's whole group) is gone. */
	exit: Exit | undefined;
	readonly exited: Promise<Exit>;

	constructor(
		private readonly watchdog: ChildProcess,
		private readonly registryFile: string,
	) {
		this.exited = new Promise((resolve) =>
			watchdog.on('exit', (code, signal) => {
				this.exit = { code, signal };
				resolve(this.exit);
			}),
		);
	}

	/** The command's own process id (its group's leader), while it runs. */
	get pid(): number | undefined {
		return this.exit ? undefined : readRegistryEntry(this.registryFile)?.groupPid;
	}

	/** SIGTERM to the group, SIGKILL after the grace time; the cleanup folder is kept. */
	async stop(): Promise<Exit> {
		this.signal('SIGTERM');
		return await this.exited;
	}

	/** SIGTERM: stop as above; SIGHUP (synchronous, for exit hooks): stop and remove the cleanup folder. */
	signal(signal: 'SIGTERM' | 'SIGHUP'): void {
		if (this.exit) return;
		try {
			this.watchdog.kill(signal);
		} catch {
			// already gone
		}
	}
}

export interface SpawnOptions {
	cwd: string;
	env: Record<string, string>;
	log: LogBuffer;
	/** Removed by the watchdog when its owner (this process) dies or hangs up; not on stop(). */
	cleanupDir?: string;
	/** SIGTERM → SIGKILL delay on stop(). */
	graceMs: number;
}

/** Starts `command args` under the watchdog, its output appended to `log`. */
export function spawnWatched(command: string, args: string[], o: SpawnOptions): WatchedProcess {
	const registryFile = newRegistryFile();
	const child = spawn(
		process.execPath,
		[...TSX_NODE_ARGS, WATCHDOG, o.cleanupDir ?? '-', '--', command, ...args],
		{
			cwd: o.cwd,
			env: {
				...o.env,
				AIHD_WATCHDOG_REGISTRY_FILE: registryFile,
				AIHD_WATCHDOG_GRACE_MS: String(o.graceMs),
			},
			// stdin stays open: the watchdog takes its closing as this process's death.
			stdio: ['pipe', 'pipe', 'pipe'],
		},
	);
	child.stdout!.setEncoding('utf8');
	child.stderr!.setEncoding('utf8');
	child.stdout!.on('data', (d: string) => o.log.append(d));
	child.stderr!.on('data', (d: string) => o.log.append(d));
	child.stdin!.on('error', () => undefined);
	return new WatchedProcess(child, registryFile);
}

/** Starts `n8n args` (the runtime's Node and n8n) under the watchdog. n8n reads a .env from its working folder,
 * so it runs in the user folder. */
export function spawnN8n(
	runtime: Runtime,
	args: string[],
	o: Omit<SpawnOptions, 'cwd'> & { userFolder: string },
): WatchedProcess {
	return spawnWatched(runtime.nodeExe, [runtime.n8nBin, ...args], { ...o, cwd: o.userFolder });
}
