/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * `npm run bench:readme`: writes the README's performance table from results/latest.json, between
 * `<!-- bench:start -->` and `<!-- bench:end -->`, so the README never carries figures copied by hand.
 * Benchmarks the run left out get no row; a --quick run says so in the line above the table.
 */
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../support/repo';
import { readResults, RESULTS_FILE, type BenchResults, type FiguresByBenchmark } from './results';
import type { WaitScenario } from './waiting';

const README = path.join(REPO_ROOT, 'README.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Two significant digits: 0.061, 1.2, 6.8, 31. */
const sig = (n: number) => (Number.isFinite(n) ? String(Number(n.toPrecision(2))) : '-');
const us = (n: number) => `${n < 10 ? n.toFixed(1) : n.toFixed(0)} µs`;
const perLevel = (values: number[], digits = 2) => values.map((v) => v.toFixed(digits)).join(' / ');

function waitingRow({ scenarios }: FiguresByBenchmark['waiting']): string[] | undefined {
	const find = (n: number, mode: WaitScenario['mode']) =>
		scenarios.find((s) => s.n === n && s.mode === mode && s.clock === 'virtual');
	const batched = [find(10, 'batched'), find(50, 'batched')];
	const loop = [find(10, 'one at a time'), find(50, 'one at a time')];
	if (batched.some((s) => !s) || loop.some((s) => !s)) return undefined;
	const b = batched as WaitScenario[];
	const walls = [...new Set(b.map((s) => `${(s.wallMs / 1000).toFixed(0)} s`))].join(' / ');
	const asSlowest = b.every((s) => s.wallMs <= s.slowestMs * 1.01)
		? 'as long as the slowest'
		: `${b.map((s) => (s.wallMs / s.slowestMs).toFixed(2)).join(' / ')} × the slowest`;
	const polls = b.every((s) => s.polls === s.minPolls)
		? 'status requests per process equal to the minimum the 5-second rule allows'
		: `status requests per process ${b.map((s) => (s.polls / s.minPolls).toFixed(2)).join(' / ')} × the minimum the 5-second rule allows`;
	const refused = [...b, ...(loop as WaitScenario[])].reduce((sum, s) => sum + s.refused, 0);
	return [
		'Waiting on 10 / 50 processes of 5–30 s',
		`${walls} in all, ${asSlowest} (a one-at-a-time loop: ${(loop as WaitScenario[]).map((s) => `${(s.wallMs / 1000).toFixed(0)} s`).join(' / ')}); ${polls}; ${refused ? `${refused} answered 429` : 'no 429'}`,
	];
}

function triggerCostRow(f: FiguresByBenchmark['trigger-cost']): string[] {
	return [
		"Trigger's own work per delivery (validation, secret, duplicates, filters)",
		`${us(f.newUs)} for a new completion, ${us(f.duplicateUs)} for a duplicate; \`JSON.parse\` of the same body: ${us(f.parseUs)}`,
	];
}

function ingestionRows({ passes }: FiguresByBenchmark['ingestion']): string[][] {
	const vm = passes.find((p) => p.engine === 'vm');
	const legacy = passes.find((p) => p.engine === 'legacy');
	if (!vm || !legacy) return [];
	const ratio = (p: typeof vm) => perLevel(p.levels.map((l) => l.trigger.rate / l.builtin.rate));
	const p99 = (p: typeof vm) => `${p.levels.map((l) => sig(l.trigger.p99Ms / 1000)).join(' / ')} s`;
	const senders = vm.levels.map((l) => l.senders).join(' / ');
	return [
		[
			`Trigger deliveries/s vs n8n's built-in Webhook node, ${senders} senders`,
			`legacy expression engine: ${ratio(legacy)}; default engine: ${ratio(vm)}`,
		],
		[
			'Trigger vs a community trigger that does nothing, same n8n',
			`${perLevel(vm.levels.map((l) => l.trigger.rate / l.nullTrigger.rate))} (default engine)`,
		],
		[
			`Trigger answer time p99, ${senders} senders`,
			`${p99(vm)} (default engine), ${p99(legacy)} (legacy engine); the platform waits 10 s`,
		],
	];
}

function downloadsRow(f: FiguresByBenchmark['downloads']): string[] | undefined {
	const run = f.runs.find((r) => r.mode === 'filesystem');
	if (!run) return undefined;
	const movedMiB = (f.count * f.fileBytes) / 1048576;
	const what = `${f.count} results of ${(f.fileBytes / 1048576).toFixed(0)} MiB downloaded as files`;
	if (!run.complete) return [what, `failed: ${run.error ?? `status ${run.status}`}`];
	const growthMiB = (run.peakKb - run.baseKb) / 1024;
	return [
		what,
		`n8n's memory grew ${growthMiB.toFixed(0)} MiB for ${movedMiB.toFixed(0)} MiB moved (streamed to n8n's filesystem binary store)`,
	];
}

export function renderBlock(results: BenchResults): string {
	const b = results.benchmarks;
	const rows = [
		b.waiting && waitingRow(b.waiting.figures),
		b['trigger-cost'] && triggerCostRow(b['trigger-cost'].figures),
		...(b.ingestion ? ingestionRows(b.ingestion.figures) : []),
		b.downloads && downloadsRow(b.downloads.figures),
	].filter((r): r is string[] => Array.isArray(r));
	const { machine, versions } = results;
	const major = (v: string) => v.replace(/^v/, '').split('.')[0];
	const where = versions.n8n
		? `n8n ${versions.n8n} on Node ${major(versions.n8nNode ?? '')}, SQLite, against the simulator`
		: `Node ${major(versions.node)}, in-process, against the simulator`;
	const missing = (['trigger-cost', 'waiting', 'ingestion', 'downloads'] as const).filter(
		(n) => !b[n],
	);
	const caveats = [
		results.quick ? 'a `--quick` run: shorter runs, not for comparison' : '',
		missing.length ? `not run: ${missing.join(', ')}` : '',
	].filter(Boolean);
	const intro =
		`Measured with \`npm run bench\` (${machine.cpus} CPUs, ${where}; figures from one run on ` +
		`${results.date.slice(0, 10)}, side by side${versions.n8n ? ' in the same n8n' : ''}${caveats.length ? `; ${caveats.join('; ')}` : ''}):`;
	return [
		START,
		intro,
		'',
		'| What | Figure |',
		'| --- | --- |',
		...rows.map((r) => `| ${r.join(' | ')} |`),
		END,
	].join('\n');
}

function main(): void {
	const results = readResults();
	const readme = fs.readFileSync(README, 'utf8');
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block to fill`);
	const next = readme.slice(0, start) + renderBlock(results) + readme.slice(end + END.length);
	fs.writeFileSync(README, next);
	process.stdout.write(
		`README.md: performance table rendered from ${path.relative(REPO_ROOT, RESULTS_FILE)} (run of ${results.date})\n`,
	);
}

main();
