/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test infrastructure, never shipped */
/** Running npm and other commands for the runtime installer, with an environment of their own. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const log = (message: string) => process.stderr.write(`[runtime] ${message}\n`);

/**
 * The environment for the npm installs this file runs: the caller's, minus what npm and jest hand down to
 * child processes (npm_config_* from the project's .npmrc, npm_package_*, NODE_OPTIONS meant for Node 20).
 * Settings that say where the registry, the cache and the user's own npm config are stay.
 */
export function installEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const keep = new Set(
		[
			'registry',
			'cache',
			'userconfig',
			'globalconfig',
			'cafile',
			'ca',
			'proxy',
			'https_proxy',
			'noproxy',
			'strict_ssl',
		].map((k) => `npm_config_${k}`),
	);
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		const k = key.toLowerCase();
		if (k.startsWith('npm_') && !keep.has(k)) continue;
		if (/^(node_options|node_env|init_cwd|jest_worker_id)$/.test(k)) continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

export interface Checked {
	ok: boolean;
	detail: string;
}

export function run(
	exe: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
) {
	const result = spawnSync(exe, args, {
		cwd: options.cwd,
		env: options.env ?? installEnv(),
		encoding: 'utf8',
		timeout: options.timeoutMs ?? 60000,
	});
	const output =
		`${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
	return { ok: result.status === 0, output };
}

export const lastLines = (text: string, n = 15) => text.split('\n').slice(-n).join('\n');

/**
 * The line of a failed command's output that says why, to lead its message: the first error line (a Node
 * stack trace ends in `{ code: … }` and "Node.js v24…", which say nothing), else the last line.
 */
export function reasonOf(output: string): string {
	const lines = output
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	return (
		lines.find((l) => /^([A-Z]\w*)?Error\b/.test(l)) ??
		lines.filter((l) => !/^Node\.js v\d/.test(l)).pop() ??
		'(no output)'
	);
}

/** A failed command's output for a message: the line that says why first, then its last lines. */
export function failureOf(output: string, n = 15): string {
	const reason = reasonOf(output);
	const tail = lastLines(output.trim(), n);
	return tail === reason ? reason : `${reason}\n${tail}`;
}

/**
 * Runs a long npm step with its output kept for the error message, telling the user every 20 s that it is
 * still going (npm prints nothing while it installs when not on a terminal). With `fetches`, npm runs with
 * --loglevel=http and the message counts the package downloads (or cache hits) against that total.
 */
export async function runStep(
	cmd: string,
	args: string[],
	options: { cwd: string; what: string; env?: NodeJS.ProcessEnv; fetches?: number },
): Promise<void> {
	const t0 = Date.now();
	const child = spawn(cmd, options.fetches ? [...args, '--loglevel=http'] : args, {
		cwd: options.cwd,
		env: options.env ?? installEnv(),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	let partial = '';
	let fetched = 0;
	// The lock records no download addresses, so npm first reads each package's manifest, then fetches it.
	let manifests = 0;
	const take = (d: Buffer) => {
		const text = partial + d.toString();
		const lines = text.split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) {
			if (!line.startsWith('npm http')) continue;
			if (line.includes('.tgz')) fetched++;
			else if (line.startsWith('npm http fetch')) manifests++;
		}
		output = (output + d.toString()).slice(-20000);
	};
	child.stdout.on('data', take);
	child.stderr.on('data', take);
	const ticker = setInterval(() => {
		const s = Math.round((Date.now() - t0) / 1000);
		const total = options.fetches;
		const count = !total
			? ''
			: fetched === 0
				? `, reading package manifests (${Math.min(manifests, total)} of ${total})`
				: `, ${Math.min(fetched, total)} of ${total} packages fetched`;
		log(`  … ${options.what}: ${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s${count}`);
	}, 20000);
	try {
		const code = await new Promise<number>((resolve, reject) => {
			child.on('error', reject);
			child.on('close', (c) => resolve(c ?? 1));
		});
		if (code !== 0) {
			const tail = lastLines(
				output
					.split('\n')
					.filter((l) => !l.startsWith('npm http'))
					.join('\n'),
				30,
			);
			throw new Error(
				`${options.what} failed (\`${cmd} ${args.join(' ')}\` exited ${code}):\n${tail}`,
			);
		}
	} finally {
		clearInterval(ticker);
	}
	log(`  ${options.what}: done in ${Math.round((Date.now() - t0) / 1000)} s`);
}

/** How many packages the lock installs (the progress total). */
export function packageCount(lockFile: string): number {
	const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as {
		packages: Record<string, { link?: boolean }>;
	};
	return Object.entries(lock.packages).filter(([k, v]) => k && !v.link).length;
}
