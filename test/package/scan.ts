/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- test infrastructure, never shipped */
/**
 * The two lint legs of n8n's verification scanner (@n8n/scan-community-package), run on this working tree before
 * anything is published (the real scanner starts with the npm provenance check, which fails until a version is
 * published from GitHub Actions). See RELEASING.md:
 *
 *   npm install --prefix /tmp/n8n-scan --ignore-scripts --no-audit --no-fund @n8n/scan-community-package@0.32.0
 *   npx tsx test/package/scan.ts /tmp/n8n-scan
 *
 * Source leg: the scanner's SOURCE_FILE_PATTERNS over package.json, nodes/ and credentials/ of the working tree
 * (the scanner reads them from the GitHub commit the provenance names: commit first). Tarball leg: `**\/*.js` and
 * package.json of the packed fresh build, unpacked as the scanner unpacks it. Exit 1 when either leg fails.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { REPO_ROOT } from '../support/repo';
import { freshBuild } from './build';

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}
interface Scanner {
	analyzePackage(dir: string, patterns?: string[]): Promise<ScanResult>;
	SOURCE_FILE_PATTERNS: string[];
}

async function main() {
	const prefix = process.argv[2];
	const scannerFile = prefix
		? path.join(prefix, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs')
		: '';
	if (!prefix || !fs.existsSync(scannerFile)) {
		console.error(
			'usage: tsx test/package/scan.ts <folder where @n8n/scan-community-package is installed> (see RELEASING.md)',
		);
		process.exit(2);
	}
	const scanner = (await import(pathToFileURL(scannerFile).href)) as Scanner;
	const version = (
		JSON.parse(
			fs.readFileSync(path.join(path.dirname(scannerFile), '..', 'package.json'), 'utf8'),
		) as { version: string }
	).version;
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-scan-'));
	let failed = false;
	const report = (leg: string, result: ScanResult) => {
		failed ||= !result.passed;
		console.log(
			`${result.passed ? 'PASSED' : 'FAILED'}  ${leg}${result.message ? `: ${result.message}` : ''}`,
		);
		if (result.details) console.log(result.details);
	};
	try {
		const source = path.join(work, 'source');
		fs.mkdirSync(source);
		for (const entry of ['package.json', 'nodes', 'credentials'])
			fs.cpSync(path.join(REPO_ROOT, entry), path.join(source, entry), { recursive: true });
		console.log(`@n8n/scan-community-package ${version}`);
		report(
			'source leg (package.json, nodes/, credentials/)',
			await scanner.analyzePackage(source, scanner.SOURCE_FILE_PATTERNS),
		);

		const build = freshBuild();
		try {
			const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
				cwd: build.dir,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			const [{ filename }] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
			const unpacked = path.join(work, 'tarball');
			fs.mkdirSync(unpacked);
			execFileSync('tar', [
				'-xzf',
				path.join(work, filename),
				'-C',
				unpacked,
				'--strip-components=1',
			]);
			report(
				`tarball leg (${filename}: **/*.js, package.json)`,
				await scanner.analyzePackage(unpacked, ['**/*.js', 'package.json']),
			);
		} finally {
			build.remove();
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	process.exit(failed ? 1 : 0);
}

void main();
