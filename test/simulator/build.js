'use strict';
/**
 * Compiles the TypeScript simulator core for plain node (jest does not need this: ts-jest compiles it).
 *
 *   const { loadCore } = require('./test/simulator/build');
 *   const { Platform, FakeClock } = loadCore();          // compiles into a temp dir and requires it
 *   node test/simulator/build.js [outDir]               // compiles and prints the platform module path
 *
 * The output mirrors the repository layout under outDir (test/simulator/*.js, nodes/AiHomeDesign/schemas/*.js);
 * `require("zod")` is rewritten to the repository's zod, so outDir may be anywhere.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRIES = ['platform.ts'];

function buildCore(outDir = path.join(os.tmpdir(), 'aihomedesign-simulator-core')) {
	const ts = require(require.resolve('typescript', { paths: [ROOT] }));
	const zodPath = require.resolve('zod', { paths: [ROOT] });
	// Transpile file by file (no type check: jest and tsc do that), following relative imports.
	const queue = ENTRIES.map((f) => path.join(__dirname, f));
	const seen = new Set();
	while (queue.length) {
		const file = queue.shift();
		if (seen.has(file)) continue;
		seen.add(file);
		const source = fs.readFileSync(file, 'utf8');
		for (const ref of ts.preProcessFile(source, true, true).importedFiles) {
			if (!ref.fileName.startsWith('.')) continue;
			const base = path.resolve(path.dirname(file), ref.fileName);
			const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
			if (!found) throw new Error(`simulator core: cannot resolve ${ref.fileName} from ${file}`);
			queue.push(found);
		}
		const output = ts.transpileModule(source, {
			fileName: file,
			reportDiagnostics: true,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2021,
				esModuleInterop: true,
			},
		});
		const errors = (output.diagnostics || []).filter(
			(d) => d.category === ts.DiagnosticCategory.Error,
		);
		if (errors.length) {
			throw new Error(
				`simulator core: ${file}: ${ts.flattenDiagnosticMessageText(errors[0].messageText, '\n')}`,
			);
		}
		const target = path.join(outDir, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.writeFileSync(
			target,
			output.outputText.replace(/require\("zod"\)/g, `require(${JSON.stringify(zodPath)})`),
		);
	}
	return path.join(outDir, path.relative(ROOT, path.join(__dirname, 'platform.js')));
}

/** Compiles (into outDir, default a temp dir) and requires the core: `{ Platform, FakeClock, ... }`. */
const loaded = new Map();
function loadCore(outDir) {
	const key = outDir || '';
	if (!loaded.has(key)) loaded.set(key, require(buildCore(outDir)));
	return loaded.get(key);
}

module.exports = { buildCore, loadCore };

if (require.main === module) {
	process.stdout.write(
		`${buildCore(process.argv[2] ? path.resolve(process.argv[2]) : undefined)}\n`,
	);
}
