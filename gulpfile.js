// Second half of `npm run build` (after `n8n-node build`, which compiles TypeScript and copies icons):
// puts each node's codex file (`*.node.json`: categories, aliases, documentation links) into dist,
// after checking it names the node it sits beside, so the editor files the nodes correctly.
const path = require('node:path');
const fs = require('node:fs');
const { src, dest, series } = require('gulp');

const packageName = require('./package.json').name;
const CODEX_GLOB = 'nodes/**/*.node.json';

function copyCodex() {
	return src(CODEX_GLOB, { base: '.' }).pipe(dest('dist'));
}

function checkCodex(done) {
	const problems = [];
	for (const nodeFile of require('./package.json').n8n.nodes) {
		const codexFile = nodeFile.replace(/\.js$/, '.json');
		if (!fs.existsSync(codexFile)) {
			problems.push(`${codexFile} is missing`);
			continue;
		}
		const exported = require(path.resolve(nodeFile));
		const NodeClass = Object.values(exported)[0];
		const { name } = new NodeClass().description;
		const codex = JSON.parse(fs.readFileSync(codexFile, 'utf8'));
		if (codex.node !== `${packageName}.${name}`) {
			problems.push(`${codexFile} names "${codex.node}", the node is "${packageName}.${name}"`);
		}
		if (!codex.categories?.length) problems.push(`${codexFile} has no categories`);
	}
	done(problems.length ? new Error(`Codex check failed:\n${problems.join('\n')}`) : undefined);
}

exports.build = series(copyCodex, checkCodex);
