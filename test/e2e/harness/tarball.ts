/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
// The package as a user gets it: built and packed with `npm pack`, installed with `npm install <tgz>` into
// n8n's community-package folder. AIHD_TARBALL names a .tgz to use instead of building and packing.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from '../../support/repo';
import { installEnv } from './runtime';

/** The one variable that says "use this tarball" (e2e tests, demo, benchmarks). */
export const TARBALL_ENV = 'AIHD_TARBALL';

/** The folder the e2e global setup of jest process `pid` packs into (its teardown removes it). */
export const runPackDir = (pid = process.pid): string =>
	path.join(os.tmpdir(), `aihd-e2e-pack-${pid}`);

function inRepo(command: string, args: string[], capture = false): string {
	// Build output goes to stderr so that it shows during jest's global setup without mixing into stdout.
	return execFileSync(command, args, {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', capture ? 'pipe' : 2, 2],
	});
}

/** `npm run build` (unless build: false), then `npm pack` into `destDir` (default: a new temporary folder).
 * Returns the .tgz's absolute path. */
export function packPackage(options: { destDir?: string; build?: boolean } = {}): string {
	const ownDir = !options.destDir;
	const destDir = options.destDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-pack-'));
	fs.mkdirSync(destDir, { recursive: true });
	try {
		if (options.build !== false) {
			try {
				inRepo('npm', ['run', 'build']);
			} catch (error) {
				throw new Error(
					`\`npm run build\` failed in ${REPO_ROOT} (exit ${(error as { status?: number }).status}); its output is above. ` +
						`Set ${TARBALL_ENV} to a packed .tgz to run without building.`,
				);
			}
		}
		const out = inRepo('npm', ['pack', '--json', '--pack-destination', destDir], true);
		const [info] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
		const tarball = path.join(destDir, info.filename);
		if (!fs.existsSync(tarball))
			throw new Error(`npm pack reported ${tarball} but it does not exist`);
		return tarball;
	} catch (error) {
		if (ownDir) fs.rmSync(destDir, { recursive: true, force: true });
		throw error;
	}
}

/** The tarball to test: AIHD_TARBALL, which the e2e global setup sets to the one it packed. */
export function getPackedTarball(): string {
	const tarball = process.env[TARBALL_ENV];
	if (!tarball)
		throw new Error(
			`${TARBALL_ENV} is not set: run the e2e tests with \`jest --selectProjects e2e\` (its global setup ` +
				`packs the package), or set ${TARBALL_ENV} to a packed n8n-nodes-aihomedesign-*.tgz`,
		);
	if (!fs.existsSync(tarball)) throw new Error(`${TARBALL_ENV}=${tarball} does not exist`);
	return tarball;
}

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
	/** The package.json `n8n` section (nodes, credentials, ...). */
	n8n: { nodes?: string[]; credentials?: string[]; [key: string]: unknown };
}

function run(command: string, args: string[], cwd: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env: installEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(out)
				: reject(new Error(`${command} ${args.join(' ')} exited ${code} in ${cwd}:\n${out}`)),
		);
	});
}

/** The one package in a fresh node_modules folder (scoped or not). */
function onlyPackageIn(modules: string): string {
	const names = fs
		.readdirSync(modules)
		.filter((n) => !n.startsWith('.'))
		.flatMap((n) =>
			n.startsWith('@') ? fs.readdirSync(path.join(modules, n)).map((m) => `${n}/${m}`) : [n],
		);
	if (names.length !== 1)
		throw new Error(`expected one package in ${modules}, found: ${names.join(', ') || 'none'}`);
	return names[0];
}

/**
 * Installs the tarball into <userFolder>/.n8n/nodes as a user without the UI installer would (README):
 * `npm install <tgz>`. --legacy-peer-deps: the peer n8n-workflow comes from n8n, and without it npm asks the
 * registry about it even with --omit=peer (8 s here, a failure offline); the package has no dependencies,
 * so this needs no registry at all (~1 s).
 */
export async function installTarball(
	tarball: string,
	userFolder: string,
): Promise<InstalledPackage> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	// Without a package.json here npm would install into the nearest folder above that has one.
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }, null, 2),
	);
	await run(
		'npm',
		[
			'install',
			'--omit=peer',
			'--omit=dev',
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--no-save',
			path.resolve(tarball),
		],
		nodesDir,
	);
	const dir = path.join(
		nodesDir,
		'node_modules',
		onlyPackageIn(path.join(nodesDir, 'node_modules')),
	);
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
		n8n?: InstalledPackage['n8n'];
	};
	return { name: pkg.name, version: pkg.version, dir, n8n: pkg.n8n ?? {} };
}
