/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * Compiles the reference nodes of this folder into a temporary folder, as `<Name>.node.js` files that
 * n8n loads from N8N_CUSTOM_EXTENSIONS. Transpiling alone is enough: they import types only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/** Source → the file name n8n looks for. The sources are not named *.node.ts: the lint rules for
 * published nodes (icon, webhook lifecycle...) do not apply to a benchmark's stand-in. */
const NODES: Record<string, string> = { 'null-trigger.ts': 'BenchNullTrigger.node.js' };

export interface CompiledNodes {
	/** The folder to give n8n as N8N_CUSTOM_EXTENSIONS. */
	dir: string;
	remove(): void;
}

export function compileReferenceNodes(): CompiledNodes {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-bench-nodes-'));
	for (const [file, output] of Object.entries(NODES)) {
		const { outputText } = ts.transpileModule(fs.readFileSync(path.join(__dirname, file), 'utf8'), {
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021 },
			fileName: file,
		});
		fs.writeFileSync(path.join(dir, output), outputText);
	}
	return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
