/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- test infrastructure, never shipped */
/**
 * What a user downloads: the file list of `npm pack --dry-run --json` on a fresh build of the working tree
 * (test/package/build.ts; never the repository's own dist/, which may be stale). It must hold what n8n loads
 * (package.json, every entry of its "n8n" section, the codex file beside each node, each node's and the
 * credential's light and dark icon) plus README and license, and nothing else: no tsconfig.tsbuildinfo (221 kB
 * of the 510 kB once shipped), no test/, no TypeScript sources or declarations, no source maps (they point at
 * .ts files the tarball does not hold, and n8n does not run with --enable-source-maps).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { freshBuild, type FreshBuild } from './build';

interface PackedFile {
	path: string;
	size: number;
}
interface PackInfo {
	files: PackedFile[];
	size: number;
	unpackedSize: number;
	entryCount: number;
}

type Icon = string | { light: string; dark: string } | undefined;

let build: FreshBuild;
let pack: PackInfo;
let files: Set<string>;

beforeAll(() => {
	build = freshBuild();
	const out = execFileSync('npm', ['pack', '--dry-run', '--json'], {
		cwd: build.dir,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	[pack] = JSON.parse(out.slice(out.indexOf('['))) as PackInfo[];
	files = new Set(pack.files.map((f) => f.path));
	console.log(
		`fresh build in ${(build.buildMs / 1000).toFixed(1)} s; npm pack: ${pack.entryCount} files, ` +
			`${(pack.size / 1000).toFixed(1)} kB packed, ${(pack.unpackedSize / 1000).toFixed(1)} kB unpacked`,
	);
}, 180000);

afterAll(() => build?.remove());

/** What a built entry file exports, instantiated as n8n's loader does: a node's `description`, or the
 * credential itself (a credential class carries `name` and `icon` directly). */
function load(entry: string): { name: string; icon?: Icon } {
	const requireBuilt = createRequire(path.join(build.dir, 'package.json'));
	const exported = requireBuilt(path.join(build.dir, entry)) as Record<string, new () => unknown>;
	const [Class] = Object.values(exported);
	const instance = new Class() as {
		name: string;
		icon?: Icon;
		description?: { name: string; icon?: Icon };
	};
	return instance.description ?? instance;
}

/** The icon files an entry names (`file:x.svg` is relative to the entry's own folder). */
function iconFiles(entry: string, icon: Icon): { light?: string; dark?: string } {
	const resolve = (ref: string) =>
		path.posix.join(path.posix.dirname(entry), ref.replace(/^file:/, ''));
	if (!icon) return {};
	if (typeof icon === 'string') return { light: resolve(icon) };
	return { light: resolve(icon.light), dark: resolve(icon.dark) };
}

const entries = () => [...build.manifest.n8n.nodes, ...build.manifest.n8n.credentials];

describe('the packed tarball', () => {
	test('holds package.json, README.md and LICENSE.md', () => {
		expect(files).toContain('package.json');
		expect(files).toContain('README.md');
		expect(files).toContain('LICENSE.md');
	});

	test('holds the built .js of every entry in package.json "n8n"', () => {
		expect(build.manifest.n8n.nodes.length).toBeGreaterThanOrEqual(2);
		expect(build.manifest.n8n.credentials.length).toBeGreaterThanOrEqual(1);
		for (const entry of entries()) expect(files).toContain(entry);
	});

	test('holds the codex .node.json beside each node, naming that node', () => {
		for (const entry of build.manifest.n8n.nodes) {
			const codex = entry.replace(/\.js$/, '.json');
			expect(files).toContain(codex);
			const { node } = JSON.parse(fs.readFileSync(path.join(build.dir, codex), 'utf8')) as {
				node: string;
			};
			expect(node).toBe(`${build.manifest.name}.${load(entry).name}`);
		}
	});

	test('holds a light and a dark SVG icon, two different files, for each node and the credential', () => {
		for (const entry of entries()) {
			const { light, dark } = iconFiles(entry, load(entry).icon);
			expect({ entry, light, dark }).toEqual({
				entry,
				light: expect.stringMatching(/\.svg$/),
				dark: expect.stringMatching(/\.svg$/),
			});
			expect(files).toContain(light);
			expect(files).toContain(dark);
			expect(light).not.toBe(dark);
		}
	});

	test('every relative require in the shipped .js resolves to a shipped file', () => {
		const missing: string[] = [];
		for (const file of files) {
			if (!file.endsWith('.js')) continue;
			const source = fs.readFileSync(path.join(build.dir, file), 'utf8');
			for (const [, spec] of source.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
				const target = path.posix.join(path.posix.dirname(file), spec);
				const candidates = [target, `${target}.js`, `${target}.json`, `${target}/index.js`];
				if (!candidates.some((c) => files.has(c))) missing.push(`${file} → ${spec}`);
			}
		}
		expect(missing).toEqual([]);
	});

	test('holds nothing else: no tsbuildinfo, test/, TypeScript sources or declarations, source maps', () => {
		const root = new Set(['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md']);
		const unexpected = [...files].filter(
			(f) => !root.has(f) && !(f.startsWith('dist/') && /\.(js|json|svg|png)$/.test(f)),
		);
		expect(unexpected).toEqual([]);
		const banned = [...files].filter((f) =>
			/\.tsbuildinfo$|^test\/|\.ts$|\.map$|(^|\/)node_modules\//.test(f),
		);
		expect(banned).toEqual([]);
	});
});
