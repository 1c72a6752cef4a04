/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test infrastructure, never shipped */
import { spawnSync } from 'node:child_process';

import { ensureRuntime, installEnv } from './runtime';

describe('the e2e runtime', () => {
	it('runs its installs without the settings `npm run` hands down from the project (ignore-scripts=true)', () => {
		const saved = { ...process.env };
		try {
			Object.assign(process.env, {
				npm_config_ignore_scripts: 'true',
				npm_config_registry: 'https://registry.example.test/',
				npm_package_name: 'n8n-nodes-aihomedesign',
				npm_lifecycle_event: 'test',
				NODE_OPTIONS: '--max-old-space-size=64',
			});
			const env = installEnv();
			expect(env.npm_config_ignore_scripts).toBeUndefined();
			expect(env.npm_package_name).toBeUndefined();
			expect(env.npm_lifecycle_event).toBeUndefined();
			expect(env.NODE_OPTIONS).toBeUndefined();
			// Where the registry is stays the user's choice.
			expect(env.npm_config_registry).toBe('https://registry.example.test/');
		} finally {
			process.env = saved;
		}
	});

	it('gives a Node >= 24 on which sqlite3 loads and the n8n CLI reports the locked version', async () => {
		const rt = await ensureRuntime();
		expect(Number(rt.nodeVersion.split('.')[0])).toBeGreaterThanOrEqual(24);
		expect(rt.sqlite3Version).toMatch(/^\d+\.\d+\.\d+$/);
		const version = spawnSync(rt.nodeExe, [rt.n8nBin, '--version'], { encoding: 'utf8' });
		expect(version.stdout.trim()).toBe(rt.n8nVersion);
	});
});
