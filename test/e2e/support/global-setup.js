'use strict';
// jest globalSetup of the e2e project: the runtime (Node 24 + n8n, cached) and one build + npm pack per run.
const { ensureRuntime } = require('./runtime');
const { packPackage, recordTarball } = require('./package-tarball');
const { stopLeftovers, ensureDbTemplate } = require('./n8n-instance');

module.exports = async function globalSetup() {
	const t0 = Date.now();
	// What a crashed earlier run may have left (its jest process is gone).
	await stopLeftovers();
	const rt = ensureRuntime();
	// Made once per n8n version in the runtime cache (~8 s the first time), then copied by each instance.
	await ensureDbTemplate(rt);
	const t1 = Date.now();
	let tarball = process.env.AIHD_E2E_TARBALL;
	if (tarball) {
		process.stderr.write(`\n[e2e] using AIHD_E2E_TARBALL=${tarball} (no build)\n`);
	} else {
		tarball = packPackage();
		globalThis.__AIHD_E2E_PACKED__ = tarball; // for teardown (same process)
	}
	recordTarball(tarball);
	process.stderr.write(
		`[e2e] runtime: node ${rt.nodeVersion}, n8n ${rt.n8nVersion} (${t1 - t0} ms); package: ${tarball} (${Date.now() - t1} ms)\n`,
	);
};
