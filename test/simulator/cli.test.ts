/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test infrastructure, never shipped: starts the command */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { httpRequest } from '../support/net';
import { REPO_ROOT } from '../support/repo';
import { DEFAULT_API_KEY } from './api-key';
import { parseCliArgs } from './cli-args';

describe('npm run simulator (cli.ts)', () => {
	it('prints the API base URL first, serves the API with the given key and settings, and stops on SIGTERM with 0', async () => {
		const child = spawn(
			path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
			['test/simulator/cli.ts', '--port', '0', '--api-key', 'my-key', '--process-seconds', '0'],
			{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const exited = new Promise<number | null>((resolve) =>
			child.on('exit', (code) => resolve(code)),
		);
		try {
			const firstLine = await new Promise<string>((resolve, reject) => {
				let out = '';
				child.stdout.on('data', (chunk: Buffer) => {
					out += chunk.toString('utf8');
					if (out.includes('\n')) resolve(out.split('\n')[0]);
				});
				child.on('exit', (code) => reject(new Error(`exited with ${code} before printing`)));
			});
			expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3$/);

			const keyCheck = await httpRequest(`${firstLine}/project?page=1&limit=1`, {
				headers: { 'x-api-key': 'my-key' },
			});
			expect(keyCheck.status).toBe(200);
			const wrongKey = await httpRequest(`${firstLine}/project?page=1&limit=1`, {
				headers: { 'x-api-key': DEFAULT_API_KEY },
			});
			expect(wrongKey.status).toBe(401);
			const catalog = await httpRequest(`${firstLine.replace(/\/v3$/, '')}/api/tools`);
			expect(catalog.status).toBe(200);
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
	}, 60_000);

	it('reads every documented option', () => {
		expect(
			parseCliArgs([
				'--port',
				'8787',
				'--api-key',
				'k',
				'--process-seconds',
				'2.5',
				'--webhook',
				'http://127.0.0.1:5678/webhook/x',
				'--no-rate-limit',
			]),
		).toEqual({
			port: 8787,
			apiKey: 'k',
			processSeconds: 2.5,
			webhookUrl: 'http://127.0.0.1:5678/webhook/x',
			rateLimit: false,
		});
		expect(parseCliArgs(['--port', '0'])).toEqual({
			port: 0,
			apiKey: DEFAULT_API_KEY,
			processSeconds: 12,
			rateLimit: true,
		});
	});

	it.each([
		[[], '--port is required'],
		[['--port', 'x'], '--port needs a whole number from 0 to 65535'],
		[['--port', '70000'], '--port needs a whole number from 0 to 65535'],
		[
			['--port', '1', '--process-seconds', '-1'],
			'--process-seconds needs a number from 0 to 86400',
		],
		[['--port', '1', '--webhook', 'ftp://x'], '--webhook needs an http(s) URL'],
		[['--port', '1', '--verbose'], 'unknown option --verbose'],
	])('refuses %j: %s', (argv, error) => {
		expect(parseCliArgs(argv)).toEqual({ error });
	});
});
