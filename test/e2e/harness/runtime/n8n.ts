/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/** n8n installed from the committed lock, sqlite3 built for the Node it runs on, and the record of both. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { Runtime } from './index';
import { installEnv, packageCount, runStep } from './npm';

export interface InstallRecord {
	installer: number;
	lockSha256: string;
	nodeVersion: string;
	checkedAt: string;
}
export const RECORD_FILE = '.aihd-runtime.json';
export const INSTALLER_VERSION = 2;

export const sha256 = (file: string) =>
	createHash('sha256').update(fs.readFileSync(file)).digest('hex');

export function readRecord(n8nDir: string): InstallRecord | undefined {
	try {
		return JSON.parse(fs.readFileSync(path.join(n8nDir, RECORD_FILE), 'utf8')) as InstallRecord;
	} catch {
		return undefined;
	}
}

export async function installN8n(
	n8nDir: string,
	lockDir: string,
	node: Pick<Runtime, 'nodeBin' | 'nodeDir'>,
	fresh: boolean,
) {
	const env = installEnv({
		PATH: `${node.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
		// Native addons must build against this Node's headers, not whatever npm's config names (here: /usr, Node 20).
		...(fs.existsSync(path.join(node.nodeDir, 'include', 'node'))
			? { npm_config_nodedir: node.nodeDir }
			: {}),
	});
	if (fresh) fs.rmSync(n8nDir, { recursive: true, force: true });
	fs.mkdirSync(n8nDir, { recursive: true });
	for (const f of ['package.json', 'package-lock.json'])
		fs.copyFileSync(path.join(lockDir, f), path.join(n8nDir, f));
	fs.rmSync(path.join(n8nDir, RECORD_FILE), { force: true });
	const total = packageCount(path.join(lockDir, 'package-lock.json'));
	// --ignore-scripts: an optional Kafka addon's install script downloads binaries, fails offline, and npm
	// would then roll the whole install back. sqlite3, the one addon n8n needs here, is built next.
	await runStep('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
		cwd: n8nDir,
		env,
		what: fresh
			? 'npm install from the committed lock'
			: 'npm install (bringing the cache in line with the committed lock)',
		fetches: total,
	});
	await buildSqlite(n8nDir, env);
}

export async function buildSqlite(n8nDir: string, env: NodeJS.ProcessEnv) {
	// --ignore-scripts=false on the command line wins over any inherited setting: this rebuild must run scripts.
	await runStep('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
		cwd: n8nDir,
		env,
		what: 'building sqlite3 from source for this Node (about 2 minutes)',
	});
}
