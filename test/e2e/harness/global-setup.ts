/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure, never shipped */
// jest globalSetup of the e2e project: the runtime (Node 24 + n8n, cached), the database template, and one
// build + npm pack per run. The tarball's path reaches the test files as AIHD_TARBALL: jest starts its
// workers after this, and they inherit the environment.
import { ensureDbTemplate } from './db-template';
import { stopLeftovers } from './leftovers';
import { ensureRuntime } from './runtime';
import { packPackage, runPackDir, TARBALL_ENV } from './tarball';

export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	// What a crashed earlier run may have left (its jest process is gone).
	await stopLeftovers();
	const runtime = await ensureRuntime();
	// Made once per n8n version in the runtime cache (~8 s the first time), then copied by each instance.
	await ensureDbTemplate(runtime);
	const t1 = Date.now();
	let tarball = process.env[TARBALL_ENV];
	if (tarball) {
		process.stderr.write(`\n[e2e] using ${TARBALL_ENV}=${tarball} (no build)\n`);
	} else {
		// global-teardown removes this folder.
		tarball = packPackage({ destDir: runPackDir() });
		process.env[TARBALL_ENV] = tarball;
	}
	process.stderr.write(
		`[e2e] runtime: node ${runtime.nodeVersion}, n8n ${runtime.n8nVersion} (${t1 - t0} ms); package: ${tarball} (${Date.now() - t1} ms)\n`,
	);
}
