/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test infrastructure, never shipped */
/**
 * `npm run runtime`: installs, checks or repairs the Node 24 + n8n runtime of the end-to-end tests, the demo
 * and the benchmarks (see runtime.ts), then prints its versions. CI runs it on every run, so a broken cache
 * fails CI or is repaired in it.
 */
import { ensureRuntime } from './runtime';

ensureRuntime().then(
	(rt) => {
		console.log(
			JSON.stringify(
				{
					node: rt.nodeVersion,
					nodeSource: rt.nodeSource,
					n8n: rt.n8nVersion,
					sqlite3: rt.sqlite3Version,
					cache: rt.cacheDir,
				},
				null,
				2,
			),
		);
	},
	(error: Error) => {
		console.error(`[runtime] FAILED: ${error.message}`);
		process.exit(1);
	},
);
