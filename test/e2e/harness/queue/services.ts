/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
// Redis and Postgres as child processes of the suite, each on a free loopback port with a temporary folder,
// under the harness's watchdog (process.ts): a crashed run leaves neither running nor its folder behind,
// and stopLeftovers() finds them in the registry like any n8n.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from '../../../support/net';
import { sleep } from '../../../support/sleep';
import { inheritedEnv } from '../env';
import { LogBuffer, spawnWatched, tail, type WatchedProcess } from '../process';
import type { SystemServices } from './system';

const START_TIMEOUT_MS = 30000;
/** Both are stopped after every n8n, so a short grace is enough. */
const GRACE_MS = 5000;

export interface RunningService {
	port: number;
	dir: string;
	logs(): string;
	stop(): Promise<void>;
}

async function waitForLine(
	what: string,
	proc: WatchedProcess,
	log: LogBuffer,
	seen: () => boolean,
): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (!seen()) {
		if (proc.exit)
			throw new Error(`${what} exited (${JSON.stringify(proc.exit)}):\n${tail(log.text())}`);
		if (Date.now() > deadline)
			throw new Error(`${what} was not ready in time:\n${tail(log.text())}`);
		await sleep(100);
	}
}

function service(port: number, dir: string, proc: WatchedProcess, log: LogBuffer): RunningService {
	return {
		port,
		dir,
		logs: () => log.text(),
		stop: async () => {
			await proc.stop();
			fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
		},
	};
}

/** An empty Redis without persistence. */
export async function startRedis(s: SystemServices): Promise<RunningService> {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-redis-'));
	const log = new LogBuffer();
	const ready = log.watch('Ready to accept connections');
	const proc = spawnWatched(
		s.redisServer,
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ cwd: dir, env: inheritedEnv(), log, cleanupDir: dir, graceMs: GRACE_MS },
	);
	await waitForLine('redis-server', proc, log, ready);
	return service(port, dir, proc, log);
}

/** As `runAs` when there is one (initdb and postgres refuse root): setpriv execs, so the watchdog's group
 * holds postgres itself. */
function asPostgresUser(s: SystemServices, command: string, args: string[]): [string, string[]] {
	if (!s.runAs) return [command, args];
	const { uid, gid } = s.runAs;
	return ['setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--', command, ...args]];
}

async function runToEnd(
	s: SystemServices,
	what: string,
	args: string[],
	dir: string,
	asUser: boolean,
): Promise<void> {
	const log = new LogBuffer();
	const binary = path.join(s.pgBin, what);
	const [command, argv] = asUser ? asPostgresUser(s, binary, args) : [binary, args];
	const proc = spawnWatched(command, argv, {
		cwd: dir,
		env: inheritedEnv(),
		log,
		graceMs: GRACE_MS,
	});
	const { code } = await proc.exited;
	if (code !== 0) throw new Error(`${what} exited ${code}:\n${tail(log.text())}`);
}

export interface RunningPostgres extends RunningService {
	user: string;
	database: string;
}

/** A fresh cluster (trust authentication on loopback, no fsync: it is thrown away) with one empty database. */
export async function startPostgres(
	s: SystemServices,
	{ database = 'n8n' }: { database?: string } = {},
): Promise<RunningPostgres> {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-pg-'));
	if (s.runAs) fs.chownSync(dir, s.runAs.uid, s.runAs.gid);
	const data = path.join(dir, 'data');
	const user = 'postgres';
	try {
		await runToEnd(
			s,
			'initdb',
			['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
			dir,
			true,
		);
	} catch (error) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	const log = new LogBuffer();
	const ready = log.watch('database system is ready to accept connections');
	const [command, args] = asPostgresUser(s, path.join(s.pgBin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	]);
	const proc = spawnWatched(command, args, {
		cwd: dir,
		env: inheritedEnv(),
		log,
		cleanupDir: dir,
		graceMs: GRACE_MS,
	});
	const running = service(port, dir, proc, log);
	try {
		await waitForLine('postgres', proc, log, ready);
		await runToEnd(
			s,
			'createdb',
			['-h', '127.0.0.1', '-p', String(port), '-U', user, database],
			dir,
			false,
		);
	} catch (error) {
		await running.stop();
		throw error;
	}
	return { ...running, user, database };
}
