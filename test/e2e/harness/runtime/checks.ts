/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/** What the installer checks before it calls a cache complete, and again on every run. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { failureOf, installEnv, lastLines, run, type Checked } from './npm';

/**
 * n8n's CLI starts. `full` (after an install or repair) runs `n8n --help`, which loads every command (~7 s);
 * the check of every run reads the version and what would make the CLI refuse to start (its Node engine
 * range, its compiled commands) in well under a second.
 */
export function checkCli(
	nodeExe: string,
	n8nDir: string,
	n8nBin: string,
	version: string,
	full: boolean,
): Checked {
	if (!fs.existsSync(n8nBin)) return { ok: false, detail: `${n8nBin} is missing` };
	const r = run(nodeExe, [n8nBin, '--version'], { timeoutMs: 60000 });
	if (!r.ok)
		return {
			ok: false,
			detail: `\`n8n --version\` failed: ${failureOf(r.output)}`,
		};
	if (!r.output.includes(version))
		return {
			ok: false,
			detail: `\`n8n --version\` printed ${lastLines(r.output, 2)}, not ${version}`,
		};
	const n8nPackage = path.join(n8nDir, 'node_modules', 'n8n');
	const engine = run(nodeExe, [
		'-e',
		`const semver = require(require.resolve('semver', { paths: [${JSON.stringify(n8nPackage)}] }));
		 const range = require(${JSON.stringify(path.join(n8nPackage, 'package.json'))}).engines.node;
		 if (!semver.satisfies(process.versions.node, range)) { console.error('n8n needs Node ' + range + ', this is ' + process.versions.node); process.exit(2); }
		 require.resolve(${JSON.stringify(path.join(n8nPackage, 'dist', 'commands', 'start.js'))});`,
	]);
	if (!engine.ok) return { ok: false, detail: failureOf(engine.output, 4) };
	if (!full) return { ok: true, detail: version };
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-runtime-check-'));
	try {
		const help = run(nodeExe, [n8nBin, '--help'], {
			timeoutMs: 120000,
			env: installEnv({ N8N_USER_FOLDER: scratch, N8N_DIAGNOSTICS_ENABLED: 'false' }),
		});
		if (!help.ok || !help.output.includes('start'))
			return {
				ok: false,
				detail: `\`n8n --help\` failed: ${failureOf(help.output)}`,
			};
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	return { ok: true, detail: version };
}

/** sqlite3 (n8n's database driver, a native addon) loads under this Node and answers a query. */
export function checkSqlite(nodeExe: string, n8nDir: string): Checked {
	// The version from sqlite3's own package.json, found the way its code is: not by cutting the path at
	// "/lib/", which a cache under /var/lib/... (a CI user's home) also holds.
	const script = `
		const from = { paths: [${JSON.stringify(path.join(n8nDir, 'node_modules', 'n8n'))}] };
		const sqlite3 = require(require.resolve('sqlite3', from));
		const db = new sqlite3.Database(':memory:');
		db.get('select 41 + 1 as answer', (error, row) => {
			if (error || !row || row.answer !== 42) { console.error(error || row); process.exit(3); }
			console.log(require(require.resolve('sqlite3/package.json', from)).version);
		});`;
	const r = run(nodeExe, ['-e', script], { timeoutMs: 30000 });
	return r.ok
		? { ok: true, detail: r.output.split('\n').pop() ?? '' }
		: { ok: false, detail: failureOf(r.output, 6) };
}
