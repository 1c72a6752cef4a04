/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * The simulator is a witness of the API, written from the docs: if it loaded the package's code, a
 * mistake in nodes/ could be copied into the simulator and the two would agree on it. So no file under
 * test/simulator may reach nodes/ or credentials/ (or their build in dist/), directly or through any
 * chain of imports, type-only ones included.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

import { REPO_ROOT } from '../support/repo';

const SIMULATOR = path.join(REPO_ROOT, 'test', 'simulator');
const FORBIDDEN = ['nodes', 'credentials', 'dist'].map(
	(dir) => path.join(REPO_ROOT, dir) + path.sep,
);

const compilerOptions = ts.getParsedCommandLineOfConfigFile(
	path.join(REPO_ROOT, 'test', 'tsconfig.json'),
	{},
	{ ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
)!.options;

/** Every module specifier a source names: import/export … from, import x = require, require(), import(), jest.mock(). */
export function specifiersOf(fileName: string, text: string): string[] {
	const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
	const found: string[] = [];
	const literal = (node: ts.Node | undefined) => {
		if (node && ts.isStringLiteralLike(node)) found.push(node.text);
	};
	const loaders = new Set(['require', 'jest.mock', 'jest.requireActual', 'jest.doMock']);
	const visit = (node: ts.Node): void => {
		if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
		else if (
			ts.isImportEqualsDeclaration(node) &&
			ts.isExternalModuleReference(node.moduleReference)
		)
			literal(node.moduleReference.expression);
		else if (ts.isCallExpression(node)) {
			const callee = node.expression.getText(source);
			if (node.expression.kind === ts.SyntaxKind.ImportKeyword || loaders.has(callee))
				literal(node.arguments[0]);
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
			literal(node.argument.literal);
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

/** Files of this repository a file imports (packages in node_modules are not followed). */
function localImportsOf(file: string): string[] {
	if (!/\.[cm]?[jt]sx?$/.test(file)) return [];
	return specifiersOf(file, fs.readFileSync(file, 'utf8')).flatMap((specifier) => {
		const { resolvedModule } = ts.resolveModuleName(specifier, file, compilerOptions, ts.sys);
		if (!resolvedModule) {
			// Unresolved relative paths would hide an edge of the graph: refuse them.
			if (specifier.startsWith('.')) throw new Error(`${file}: cannot resolve "${specifier}"`);
			return [];
		}
		const target = path.resolve(resolvedModule.resolvedFileName);
		if (resolvedModule.isExternalLibraryImport || !target.startsWith(REPO_ROOT + path.sep))
			return [];
		return [target];
	});
}

/** For each forbidden file reached from `entries`, one import chain that reaches it (repo-relative paths). */
export function forbiddenChains(entries: string[]): { chains: string[][]; visited: number } {
	const parent = new Map<string, string | null>(entries.map((e) => [e, null]));
	const queue = [...entries];
	const chains: string[][] = [];
	while (queue.length) {
		const file = queue.shift()!;
		if (FORBIDDEN.some((dir) => file.startsWith(dir))) {
			const chain: string[] = [];
			for (let at: string | null = file; at; at = parent.get(at)!) chain.unshift(at);
			chains.push(chain.map((f) => path.relative(REPO_ROOT, f)));
			continue; // one chain per forbidden file is enough to name the leak
		}
		for (const next of localImportsOf(file))
			if (!parent.has(next)) {
				parent.set(next, file);
				queue.push(next);
			}
	}
	return { chains, visited: parent.size };
}

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return filesUnder(full);
		return /\.[cm]?[jt]sx?$/.test(entry.name) ? [full] : [];
	});
}

it('no file under test/simulator reaches nodes/ or credentials/, even through test/support', () => {
	const entries = filesUnder(SIMULATOR);
	expect(entries.length).toBeGreaterThan(40);
	const { chains, visited } = forbiddenChains(entries);
	// It followed imports out of the folder (test/support, …), not just listed it.
	expect(visited).toBeGreaterThan(entries.length);
	expect(chains.map((chain) => chain.join(' → '))).toEqual([]);
});

it('finds the chain when a file does reach them (test/support/credentials.ts reads the credential class)', () => {
	const { chains } = forbiddenChains([path.join(REPO_ROOT, 'test', 'support', 'credentials.ts')]);
	expect(chains).toContainEqual([
		'test/support/credentials.ts',
		'credentials/AiHomeDesignApi.credentials.ts',
	]);
});

it('reads every way a source can load a module', () => {
	const source = [
		"import a from './a';",
		"import type { B } from './b';",
		"import './c';",
		"export { d } from './d';",
		"export * from './e';",
		"import f = require('./f');",
		"const g = require('./g');",
		"const h = import('./h');",
		"jest.mock('./i');",
		"type J = import('./j').J;",
		"const notAModule = String('./k');",
	].join('\n');
	expect(specifiersOf('x.ts', source)).toEqual([
		'./a',
		'./b',
		'./c',
		'./d',
		'./e',
		'./f',
		'./g',
		'./h',
		'./i',
		'./j',
	]);
});
