'use strict';
// jest globalTeardown of the e2e project: ends any n8n a test left running and removes the packed tarball.
const fs = require('fs');
const path = require('path');
const { stopLeftovers } = require('./n8n-instance');
const { STATE_FILE } = require('./package-tarball');

module.exports = async function globalTeardown() {
	const n = await stopLeftovers();
	if (n) process.stderr.write(`[e2e] teardown stopped ${n} n8n process(es) left running\n`);
	const packed = globalThis.__AIHD_E2E_PACKED__;
	if (packed) {
		fs.rmSync(path.dirname(packed), { recursive: true, force: true });
		try {
			const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
			if (state.tarball === packed) fs.rmSync(STATE_FILE, { force: true });
		} catch {
			// no state file
		}
		delete process.env.AIHD_E2E_TARBALL;
	}
};
