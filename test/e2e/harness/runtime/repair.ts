/**
 * What the installer does with the n8n cache it finds, and what it tells the user: the decisions alone, with
 * the checks and the installs passed in, so that each case (no cache, a cache from the first installer, one
 * from another lock or Node, sqlite3 or the CLI broken) can be tried in a unit test without an install.
 */
import type { InstallRecord } from './n8n';
import type { Checked } from './npm';

/** What the cheap look at the cache folder found, before any check runs. */
export interface CacheFound {
	n8nVersion: string;
	n8nDir: string;
	/** The n8n CLI file is there. */
	hasCli: boolean;
	/** The cache folder is there (with or without the CLI). */
	hasDir: boolean;
	/** The record the installer writes once its checks pass; none from the first (shell) installer. */
	record: InstallRecord | undefined;
	/** sha256 of the committed lock, and its name as the user should read it. */
	lockSha256: string;
	lockName: string;
	/** The Node the runtime runs n8n on. */
	nodeVersion: string;
}

export type CacheAction =
	| { kind: 'install'; fresh: boolean; why: string }
	| { kind: 'rebuild-sqlite'; why: string }
	| { kind: 'none' };

/** The first answer, from files and the record alone: install, align with the lock, rebuild, or nothing. */
export function planCache(found: CacheFound): CacheAction {
	const { n8nDir, n8nVersion, record } = found;
	if (!found.hasCli)
		return {
			kind: 'install',
			fresh: true,
			why: found.hasDir
				? `the n8n ${n8nVersion} cache in ${n8nDir} is incomplete (no n8n CLI): reinstalling it`
				: `installing n8n ${n8nVersion} into ${n8nDir}: about 6 to 10 min on 2 CPUs (up to ~30 under ` +
					'heavy load), ~2.7 GB; once per machine, later runs reuse it',
		};
	if (!record)
		return {
			kind: 'install',
			fresh: false,
			why:
				`the n8n cache in ${n8nDir} was made by an earlier installer that did not use the committed lock (and may ` +
				'lack a working sqlite3): bringing it in line with the lock',
		};
	if (record.lockSha256 !== found.lockSha256)
		return {
			kind: 'install',
			fresh: false,
			why: `the n8n cache in ${n8nDir} was installed from another lock: bringing it in line with ${found.lockName}`,
		};
	if (record.nodeVersion !== found.nodeVersion)
		return {
			kind: 'rebuild-sqlite',
			why: `sqlite3 in ${n8nDir} was built for Node ${record.nodeVersion}, this is Node ${found.nodeVersion}: rebuilding it`,
		};
	return { kind: 'none' };
}

/** The checks of a cache, run against the folder as it is at the time of the call. */
export interface CacheChecks {
	sqlite(): Checked;
	/** `full` after any work: `n8n --help` as well as the cheap version and engine check. */
	cli(full: boolean): Checked;
}

export interface CacheWork {
	/** npm install from the committed lock (`fresh`: into an emptied folder), then the sqlite3 build. */
	install(fresh: boolean): Promise<void>;
	buildSqlite(): Promise<void>;
	/** Writes the record that calls the cache complete; only once both checks have passed. */
	markComplete(): void;
}

/**
 * Brings the cache to a state that passes both checks, or throws saying what still fails. Every repair is
 * logged with its reason before it starts. Returns sqlite3's version.
 */
export async function checkAndRepair(
	found: CacheFound,
	checks: CacheChecks,
	work: CacheWork,
	log: (message: string) => void,
): Promise<{ sqlite3Version: string }> {
	const plan = planCache(found);
	if (plan.kind !== 'none') log(plan.why);
	if (plan.kind === 'install') await work.install(plan.fresh);
	if (plan.kind === 'rebuild-sqlite') await work.buildSqlite();
	// After any work the CLI check is the full one.
	let worked = plan.kind !== 'none';

	let sqlite = checks.sqlite();
	if (!sqlite.ok) {
		log(
			`sqlite3 does not load under Node ${found.nodeVersion} (${sqlite.detail.split('\n')[0]}): rebuilding it`,
		);
		await work.buildSqlite();
		worked = true;
		sqlite = checks.sqlite();
		if (!sqlite.ok)
			throw new Error(`sqlite3 still does not load after a rebuild:\n${sqlite.detail}`);
	}
	let cli = checks.cli(worked);
	if (!cli.ok) {
		log(
			`n8n's CLI does not start (${cli.detail.split('\n')[0]}): reinstalling n8n ${found.n8nVersion}`,
		);
		await work.install(true);
		sqlite = checks.sqlite();
		cli = checks.cli(true);
		if (!sqlite.ok || !cli.ok)
			throw new Error(
				`the reinstalled n8n does not pass its check:\n${sqlite.detail}\n${cli.detail}`,
			);
	}
	work.markComplete();
	return { sqlite3Version: sqlite.detail };
}
