/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
// A SQLite database that n8n has created and migrated, made once per n8n version in the runtime cache (so
// later runs and CI reuse it) and copied into each new user folder: saves ~4 s of migrations per instance.
// It holds no owner, workflow, credential or key.
import fs from 'node:fs';
import path from 'node:path';

import { sleep } from '../../support/sleep';
import { DEFAULT_OWNER, n8nEnv, passwordHash } from './env';
import { LogBuffer, spawnN8n, tail } from './process';
import type { Runtime } from './runtime';

const DB_TEMPLATE_VERSION = 1;
const DB_FILES = /^database\.sqlite(-wal|-shm)?$/;
/** A lock older than this belongs to a run that died. */
const STALE_LOCK_MS = 180000;

/** One maker at a time across processes: a mkdir lock (atomic everywhere). Resolves false if, while
 * waiting, another process finished the template (`done` appeared). */
async function lock(lockDir: string, done: string): Promise<boolean> {
	const deadline = Date.now() + STALE_LOCK_MS;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			return true;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (fs.existsSync(done)) return false;
			try {
				if (Date.now() - fs.statSync(lockDir).mtimeMs > STALE_LOCK_MS)
					fs.rmSync(lockDir, { recursive: true, force: true });
			} catch {
				// raced with its owner
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}`);
			await sleep(250);
		}
	}
}

/** Runs `n8n list:workflow` on an empty folder (any command that opens the database migrates it) and
 * keeps the database files in `dir`. */
async function makeTemplate(runtime: Runtime, dir: string, done: string): Promise<void> {
	const work = fs.mkdtempSync(path.join(runtime.cacheDir, '.db-template-'));
	const log = new LogBuffer();
	try {
		const env = n8nEnv({
			runtime,
			userFolder: work,
			port: 0,
			brokerPort: 0,
			owner: DEFAULT_OWNER,
			ownerPasswordHash: passwordHash(runtime, DEFAULT_OWNER.password),
		});
		const cli = spawnN8n(runtime, ['list:workflow'], {
			userFolder: work,
			env,
			log,
			graceMs: 10000,
		});
		const { code } = await cli.exited;
		if (code !== 0) throw new Error(`n8n list:workflow exited ${code}`);
		const files = fs.readdirSync(path.join(work, '.n8n')).filter((f) => DB_FILES.test(f));
		if (!files.includes('database.sqlite')) throw new Error(`no database.sqlite in ${work}/.n8n`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(path.join(dir, '.n8n'), { recursive: true });
		for (const f of files) fs.copyFileSync(path.join(work, '.n8n', f), path.join(dir, '.n8n', f));
		fs.writeFileSync(done, `${new Date().toISOString()}\n`);
	} catch (error) {
		throw new Error(
			`could not make the n8n database template: ${(error as Error).message}\n${tail(log.text())}`,
		);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/** The template's folder (made now if missing; ~8 s the first time). */
export async function ensureDbTemplate(runtime: Runtime): Promise<string> {
	const dir = path.join(
		runtime.cacheDir,
		`db-template-n8n-${runtime.n8nVersion}-v${DB_TEMPLATE_VERSION}`,
	);
	const done = path.join(dir, '.complete');
	if (fs.existsSync(done)) return dir;
	const lockDir = `${dir}.lock`;
	if (!(await lock(lockDir, done))) return dir;
	try {
		if (!fs.existsSync(done)) await makeTemplate(runtime, dir, done);
		return dir;
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** Puts a copy of the template's database into a new user folder. */
export function copyDbTemplate(templateDir: string, userFolder: string): void {
	const from = path.join(templateDir, '.n8n');
	const to = path.join(userFolder, '.n8n');
	fs.mkdirSync(to, { recursive: true });
	for (const f of fs.readdirSync(from))
		if (DB_FILES.test(f)) fs.copyFileSync(path.join(from, f), path.join(to, f));
}
