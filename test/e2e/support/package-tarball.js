'use strict';
// Builds the package and packs it with `npm pack`, so the end-to-end tests install exactly what a user installs.
// Global setup packs once per jest run and records the path; tests read it with getPackedTarball().
//
// AIHD_E2E_TARBALL=/path/to/n8n-nodes-aihomedesign-x.y.z.tgz skips build and pack and uses that file.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { isAlive, REPO_ROOT } = require('./runtime');

const STATE_FILE = path.join(os.tmpdir(), 'n8n-nodes-aihomedesign-e2e-tarball.json');

function run(cmd, args, opts) {
	// Build output goes to stderr so that it shows during jest's global setup without mixing into stdout.
	return execFileSync(cmd, args, {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', opts && opts.capture ? 'pipe' : 2, 2],
		env: process.env,
	});
}

/**
 * `npm run build`, then `npm pack --pack-destination <destDir>` in the repository root.
 * @param {{ destDir?: string, build?: boolean }} [options] destDir defaults to a new folder under os.tmpdir().
 * @returns {string} absolute path of the .tgz
 */
function packPackage(options = {}) {
	const ownDir = !options.destDir;
	const destDir = options.destDir || fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-e2e-pack-'));
	fs.mkdirSync(destDir, { recursive: true });
	try {
		if (options.build !== false) {
			try {
				run('npm', ['run', 'build']);
			} catch (error) {
				throw new Error(
					`\`npm run build\` failed in ${REPO_ROOT} (exit ${error.status}); its output is above. ` +
						'Set AIHD_E2E_TARBALL to a packed .tgz to run the end-to-end tests without building.',
				);
			}
		}
		const out = run('npm', ['pack', '--json', '--pack-destination', destDir], { capture: true });
		const info = JSON.parse(out.slice(out.indexOf('[')));
		const tarball = path.join(destDir, info[0].filename);
		if (!fs.existsSync(tarball))
			throw new Error(`npm pack reported ${tarball} but it does not exist`);
		return tarball;
	} catch (error) {
		if (ownDir) fs.rmSync(destDir, { recursive: true, force: true });
		throw error;
	}
}

/** Records the tarball of this jest run for the test files (they run in other module registries). */
function recordTarball(tarball) {
	process.env.AIHD_E2E_TARBALL = tarball;
	fs.writeFileSync(
		STATE_FILE,
		JSON.stringify({ tarball, pid: process.pid, at: new Date().toISOString() }),
	);
}

/**
 * The tarball packed by global setup (or AIHD_E2E_TARBALL); packs one now if neither exists,
 * e.g. when a test file is run by something other than jest's e2e project.
 * @returns {string}
 */
function getPackedTarball() {
	const fromEnv = process.env.AIHD_E2E_TARBALL;
	if (fromEnv) {
		if (!fs.existsSync(fromEnv)) throw new Error(`AIHD_E2E_TARBALL=${fromEnv} does not exist`);
		return fromEnv;
	}
	try {
		// Only a tarball whose jest run is still alive: a crashed run's file may hold an older build.
		const { tarball, pid } = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
		if (tarball && fs.existsSync(tarball) && isAlive(pid)) return tarball;
	} catch {
		// no state file: pack below
	}
	const tarball = packPackage();
	recordTarball(tarball);
	return tarball;
}

module.exports = { packPackage, recordTarball, getPackedTarball, STATE_FILE };
