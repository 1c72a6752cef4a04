/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
/**
 * A fresh `npm run build` of the working tree in a temporary copy, so that tests of the built package see
 * exactly what `npm run build` makes now, never a stale or half-made `dist/` that someone else's build left in
 * the repository (and never change that one). The copy holds what the build reads plus what npm always packs
 * (README, LICENSE); node_modules is a link to the repository's. About 20 s on a busy 2-core machine.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from '../support/repo';

/** What `npm run build` reads, and what `npm pack` adds on its own; copied when present. */
const COPIED = [
	'package.json',
	'tsconfig.json',
	'gulpfile.js',
	'.npmrc',
	'README.md',
	'LICENSE.md',
	'CHANGELOG.md',
	'nodes',
	'credentials',
];

export interface FreshBuild {
	/** The temporary package folder: package.json, dist/ and the rest of COPIED. */
	dir: string;
	/** package.json as built. */
	manifest: {
		name: string;
		version: string;
		files?: string[];
		n8n: { nodes: string[]; credentials: string[] };
	};
	buildMs: number;
	remove(): void;
}

export function freshBuild(): FreshBuild {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-fresh-build-'));
	const remove = () => fs.rmSync(dir, { recursive: true, force: true });
	try {
		for (const entry of COPIED) {
			const from = path.join(REPO_ROOT, entry);
			if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true });
		}
		fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
		const t0 = Date.now();
		try {
			execFileSync('npm', ['run', 'build'], {
				cwd: dir,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			});
		} catch (error) {
			const e = error as { status?: number; stdout?: string; stderr?: string };
			throw new Error(
				`\`npm run build\` of a copy of the working tree failed (exit ${e.status}):\n${e.stdout ?? ''}${e.stderr ?? ''}`,
			);
		}
		const manifest = JSON.parse(
			fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
		) as FreshBuild['manifest'];
		return { dir, manifest, buildMs: Date.now() - t0, remove };
	} catch (error) {
		remove();
		throw error;
	}
}
