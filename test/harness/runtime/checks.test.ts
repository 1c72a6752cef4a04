/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * The runtime installer's real checks (test/e2e/harness/runtime/checks.ts) against a scratch n8n folder in
 * the temp dir, with stand-in sqlite3 and n8n packages: they must tell a broken cache from a working one and
 * say why. The real cache is never touched. In the unit project; this Node runs the checks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { checkCli, checkSqlite } from '../../e2e/harness/runtime/checks';
import { readRecord } from '../../e2e/harness/runtime/n8n';
import type { Checked } from '../../e2e/harness/runtime/npm';
import { checkAndRepair } from '../../e2e/harness/runtime/repair';

let scratch: string;
beforeEach(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-runtime-checks-'));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

const firstLine = (checked: Checked) => checked.detail.split('\n')[0];
const write = (file: string, text: string) => {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text);
};

/** A cache folder for n8n, under a path holding "/lib/" as a CI user's home under /var/lib does. */
function n8nFolder(): string {
	const dir = path.join(
		scratch,
		'var',
		'lib',
		'ci',
		'.cache',
		'n8n-nodes-aihomedesign',
		'n8n-2.41.1',
	);
	write(
		path.join(dir, 'node_modules', 'n8n', 'package.json'),
		'{ "name": "n8n", "version": "2.41.1" }\n',
	);
	return dir;
}

type SqliteState = 'loads' | 'never built' | 'half-written binary' | 'answers wrong';

/** sqlite3 as a cache may hold it: its JavaScript, with or without the native binary it loads. */
function addSqlite(n8nDir: string, state: SqliteState) {
	const pkg = path.join(n8nDir, 'node_modules', 'sqlite3');
	write(
		path.join(pkg, 'package.json'),
		'{ "name": "sqlite3", "version": "5.1.7", "main": "./lib/sqlite3" }\n',
	);
	const answer = state === 'answers wrong' ? 41 : 42;
	write(
		path.join(pkg, 'lib', 'sqlite3.js'),
		state === 'loads' || state === 'answers wrong'
			? `exports.Database = class { get(sql, done) { done(null, { answer: ${answer} }); } };\n`
			: "module.exports = require('../build/Release/node_sqlite3.node');\n",
	);
	if (state === 'half-written binary')
		write(path.join(pkg, 'build', 'Release', 'node_sqlite3.node'), '');
}

/** An n8n package whose CLI prints `version` and a --help listing (or fails it), with an engine range. */
function addCli(n8nDir: string, cli: { version?: string; engines?: string; help?: boolean } = {}) {
	const pkg = path.join(n8nDir, 'node_modules', 'n8n');
	write(
		path.join(pkg, 'package.json'),
		JSON.stringify({ name: 'n8n', version: '2.41.1', engines: { node: cli.engines ?? '>=18' } }),
	);
	write(path.join(pkg, 'dist', 'commands', 'start.js'), '');
	write(
		path.join(pkg, 'bin', 'n8n'),
		`const a = process.argv[2];
		 if (a === '--version') console.log(${JSON.stringify(cli.version ?? '2.41.1')});
		 else if (a === '--help' && ${cli.help !== false}) console.log('COMMANDS\\n  start  Starts n8n');
		 else { console.error('Error: Cannot find module @n8n/db'); process.exit(1); }`,
	);
	// n8n's own semver reads the engine range; the project's copy stands in for it.
	const semver = path.dirname(require.resolve('semver/package.json'));
	fs.cpSync(semver, path.join(n8nDir, 'node_modules', 'semver'), { recursive: true });
	return path.join(pkg, 'bin', 'n8n');
}

describe("the runtime installer's sqlite3 check", () => {
	it('passes a sqlite3 that loads and answers, reporting its version (also in a cache under /var/lib)', () => {
		const dir = n8nFolder();
		addSqlite(dir, 'loads');
		expect(checkSqlite(process.execPath, dir)).toEqual({ ok: true, detail: '5.1.7' });
	});

	it("fails the first installer's sqlite3, whose native binary was never built, naming the missing file", () => {
		const dir = n8nFolder();
		addSqlite(dir, 'never built');
		const checked = checkSqlite(process.execPath, dir);
		expect(checked.ok).toBe(false);
		// The first line is what the installer quotes as its reason for the rebuild.
		expect(firstLine(checked)).toBe(
			"Error: Cannot find module '../build/Release/node_sqlite3.node'",
		);
	});

	it('fails a half-written native binary, and a sqlite3 that is not there at all, saying so', () => {
		const dir = n8nFolder();
		const absent = checkSqlite(process.execPath, dir);
		expect(absent.ok).toBe(false);
		expect(firstLine(absent)).toBe("Error: Cannot find module 'sqlite3'");
		addSqlite(dir, 'half-written binary');
		const halfWritten = checkSqlite(process.execPath, dir);
		expect(halfWritten.ok).toBe(false);
		expect(firstLine(halfWritten)).toMatch(
			/^Error: .*node_sqlite3\.node: (file too short|invalid ELF header)/,
		);
	});

	it('fails a sqlite3 that loads but answers the query wrongly', () => {
		const dir = n8nFolder();
		addSqlite(dir, 'answers wrong');
		const checked = checkSqlite(process.execPath, dir);
		expect(checked.ok).toBe(false);
		expect(firstLine(checked)).toBe('{ answer: 41 }');
	});
});

describe("the runtime installer's n8n CLI check", () => {
	it('passes a CLI that reports the locked version on this Node', () => {
		const dir = n8nFolder();
		const bin = addCli(dir);
		expect(checkCli(process.execPath, dir, bin, '2.41.1', false)).toEqual({
			ok: true,
			detail: '2.41.1',
		});
		expect(checkCli(process.execPath, dir, bin, '2.41.1', true)).toEqual({
			ok: true,
			detail: '2.41.1',
		});
	});

	it('fails a missing CLI, another version, an engine range that excludes this Node, or no compiled commands, saying which', () => {
		const dir = n8nFolder();
		const missing = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
		expect(checkCli(process.execPath, dir, missing, '2.41.1', false)).toEqual({
			ok: false,
			detail: `${missing} is missing`,
		});
		const bin = addCli(dir, { version: '2.40.0' });
		expect(checkCli(process.execPath, dir, bin, '2.41.1', false).detail).toBe(
			'`n8n --version` printed 2.40.0, not 2.41.1',
		);
		addCli(dir, { engines: '>=99' });
		expect(checkCli(process.execPath, dir, bin, '2.41.1', false)).toEqual({
			ok: false,
			detail: `n8n needs Node >=99, this is ${process.versions.node}`,
		});
		addCli(dir);
		fs.rmSync(path.join(dir, 'node_modules', 'n8n', 'dist'), { recursive: true });
		expect(firstLine(checkCli(process.execPath, dir, bin, '2.41.1', false))).toMatch(
			/^Error: Cannot find module '.*dist\/commands\/start\.js'/,
		);
	});

	it('runs `n8n --help` only in the full check (after work), and fails a CLI whose commands do not load', () => {
		const dir = n8nFolder();
		const bin = addCli(dir, { help: false });
		expect(checkCli(process.execPath, dir, bin, '2.41.1', false).ok).toBe(true);
		const full = checkCli(process.execPath, dir, bin, '2.41.1', true);
		expect(full.ok).toBe(false);
		expect(firstLine(full)).toBe('`n8n --help` failed: Error: Cannot find module @n8n/db');
	});
});

describe('the runtime installer, on a cache left by the first installer (real checks, stand-in installs)', () => {
	it('finds sqlite3 missing, brings the cache in line with the lock, checks it again and only then writes the record', async () => {
		// As the shell installer left it: n8n installed, its .complete marker, no record, sqlite3 never built.
		const dir = n8nFolder();
		const cli = addCli(dir);
		addSqlite(dir, 'never built');
		fs.writeFileSync(path.join(dir, '.complete'), '');
		const printed: string[] = [];
		const done: string[] = [];
		expect(checkSqlite(process.execPath, dir).ok).toBe(false);

		const result = await checkAndRepair(
			{
				n8nVersion: '2.41.1',
				n8nDir: dir,
				hasCli: fs.existsSync(cli),
				hasDir: true,
				record: readRecord(dir),
				lockSha256: 'a'.repeat(64),
				lockName: 'test/e2e/runtime/n8n-2.41.1/package-lock.json',
				nodeVersion: process.versions.node,
			},
			{
				sqlite: () => checkSqlite(process.execPath, dir),
				cli: (full) => checkCli(process.execPath, dir, cli, '2.41.1', full),
			},
			{
				// npm install and the sqlite3 build, as far as the checks can tell: a sqlite3 that loads.
				install: async (fresh) => {
					done.push(fresh ? 'install into an emptied folder' : 'npm install over what is there');
					addSqlite(dir, 'loads');
				},
				buildSqlite: async () => {
					done.push('build sqlite3');
					addSqlite(dir, 'loads');
				},
				markComplete: () => done.push('write record'),
			},
			(m) => printed.push(m),
		);
		expect(result).toEqual({ sqlite3Version: '5.1.7' });
		expect(done).toEqual(['npm install over what is there', 'write record']);
		expect(printed).toEqual([
			expect.stringMatching(/made by an earlier installer .*may lack a working sqlite3/),
		]);
	});

	it('quotes the real reason when a checked cache later loses its sqlite3 binary, and rebuilds it', async () => {
		const dir = n8nFolder();
		const cli = addCli(dir);
		addSqlite(dir, 'never built');
		const printed: string[] = [];
		const done: string[] = [];
		await checkAndRepair(
			{
				n8nVersion: '2.41.1',
				n8nDir: dir,
				hasCli: true,
				hasDir: true,
				record: {
					installer: 2,
					lockSha256: 'a'.repeat(64),
					nodeVersion: process.versions.node,
					checkedAt: '',
				},
				lockSha256: 'a'.repeat(64),
				lockName: 'test/e2e/runtime/n8n-2.41.1/package-lock.json',
				nodeVersion: process.versions.node,
			},
			{
				sqlite: () => checkSqlite(process.execPath, dir),
				cli: (full) => checkCli(process.execPath, dir, cli, '2.41.1', full),
			},
			{
				install: async () => {
					done.push('install');
				},
				buildSqlite: async () => {
					done.push('build sqlite3');
					addSqlite(dir, 'loads');
				},
				markComplete: () => done.push('write record'),
			},
			(m) => printed.push(m),
		);
		expect(done).toEqual(['build sqlite3', 'write record']);
		expect(printed).toEqual([
			`sqlite3 does not load under Node ${process.versions.node} (Error: Cannot find module '../build/Release/node_sqlite3.node'): rebuilding it`,
		]);
	});
});
