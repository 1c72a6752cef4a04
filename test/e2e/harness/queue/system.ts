/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// Finds the system's Redis and Postgres for the queue-mode suite. They are not npm packages: where one is
// missing the suite says what to install and is skipped, unless AIHD_REQUIRE_SYSTEM_SERVICES=1 (CI), where
// a missing one fails it.
import fs from 'node:fs';
import path from 'node:path';

export const INSTALL_HINT = 'apt-get install redis-server postgresql';
export const REQUIRE_ENV = 'AIHD_REQUIRE_SYSTEM_SERVICES';

/** initdb and postgres refuse to run as root: then they run as this user. */
export interface RunAs {
	name: string;
	uid: number;
	gid: number;
}

export interface SystemServices {
	redisServer: string;
	/** The folder with initdb, postgres and createdb (the newest /usr/lib/postgresql/<v>/bin). */
	pgBin: string;
	/** Set when this process is root. */
	runAs?: RunAs;
}

function onPath(name: string): string | undefined {
	for (const dir of (process.env.PATH ?? '')
		.split(path.delimiter)
		.concat('/usr/sbin', '/usr/bin')) {
		const full = path.join(dir, name);
		if (dir && fs.existsSync(full)) return full;
	}
	return undefined;
}

function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length) return path.join(root, versions[0], 'bin');
	const initdb = onPath('initdb');
	return initdb && path.dirname(initdb);
}

function passwdEntry(name: string): RunAs | undefined {
	try {
		const line = fs
			.readFileSync('/etc/passwd', 'utf8')
			.split('\n')
			.find((l) => l.startsWith(`${name}:`));
		if (!line) return undefined;
		const [, , uid, gid] = line.split(':');
		return { name, uid: Number(uid), gid: Number(gid) };
	} catch {
		return undefined;
	}
}

/** What is there, and what is missing (as sentences). */
export function findSystemServices(): { services?: SystemServices; missing: string[] } {
	const missing: string[] = [];
	const redisServer = onPath('redis-server');
	if (!redisServer) missing.push('redis-server (not on PATH)');
	const pgBin = postgresBin();
	if (!pgBin)
		missing.push('initdb / postgres (no /usr/lib/postgresql/<version>/bin, none on PATH)');
	let runAs: RunAs | undefined;
	if (process.getuid?.() === 0) {
		runAs = passwdEntry('postgres');
		if (!runAs) missing.push('a `postgres` user to run Postgres as (this process is root)');
		if (!onPath('setpriv')) missing.push('setpriv (util-linux), to run Postgres as `postgres`');
	}
	if (missing.length || !redisServer || !pgBin) return { missing };
	return { services: { redisServer, pgBin, runAs }, missing };
}

/**
 * The services, or undefined after printing what is missing and how to install it; with
 * AIHD_REQUIRE_SYSTEM_SERVICES=1 a missing service throws instead (the suite fails rather than skips).
 */
export function systemServicesOrSkip(suite: string): SystemServices | undefined {
	const { services, missing } = findSystemServices();
	if (services) return services;
	const message =
		`${suite} needs Redis and Postgres on this machine; missing: ${missing.join('; ')}. ` +
		`Install them with \`${INSTALL_HINT}\` (Debian/Ubuntu).`;
	if (process.env[REQUIRE_ENV] === '1') throw new Error(`${message} (${REQUIRE_ENV}=1: failing)`);
	process.stderr.write(`\n[e2e] SKIPPED: ${message}\n`);
	return undefined;
}
