/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// jest globalTeardown of the e2e project: ends any n8n a test left running and removes what global-setup packed.
import fs from 'node:fs';

import { stopLeftovers } from './leftovers';
import { runPackDir } from './tarball';

export default async function globalTeardown(): Promise<void> {
	const n = await stopLeftovers();
	if (n) process.stderr.write(`[e2e] teardown stopped ${n} n8n process(es) left running\n`);
	// Nothing there when AIHD_TARBALL was given: setup packed nothing.
	fs.rmSync(runPackDir(), { recursive: true, force: true });
}
