/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
/**
 * `npm run bench`: the package measured side by side with references, in one run, with ratios.
 *
 *   trigger-cost  the trigger's own work per delivery, in-process, against JSON.parse of the body
 *   waiting       waiting on 1, 10, 50 processes (virtual clock; plus one real-time run): wall time
 *                 against the slowest process, status calls against the 5-second rule's minimum
 *   batch         100 photos in one Run Tool on Image execution at the platform's 10 processes per
 *                 10 minutes (virtual clock): wall time against the platform's bound, 429s, polls
 *   ingestion     deliveries/s and answer times in a real n8n: the trigger against n8n's Webhook node
 *                 and a do-nothing community trigger, default and legacy expression engines
 *   downloads     50 results of 8 MiB in a real n8n: its memory against the bytes moved, filesystem
 *                 and in-memory binary data modes
 *   queue-ingestion  the same three nodes in queue mode (main, 2 workers, 2 webhook processes, Redis and
 *                 Postgres of its own): deliveries/s and p99 at 1-100 senders, one and two webhook processes
 *
 * Options: --only=<names, comma-separated> (default: all, always run in the order above)   --quick
 * (shorter runs). AIHD_TARBALL=<.tgz> skips building and packing for the n8n benchmarks. The in-process
 * benchmarks run the TypeScript sources; the n8n ones the packed package, as a user installs it.
 * Prints the tables and writes the figures to test/bench/results/latest.json (`npm run bench:readme`
 * puts them into the README). The n8n benchmarks use the e2e tests' runtime cache (installed on first use).
 */
import { batch } from './batch';
import type { Benchmark } from './benchmark';
import { downloads } from './downloads';
import { ingestion } from './ingestion';
import { startBenchN8n, type BenchN8n } from './n8n';
import { queueIngestion } from './queue-ingestion';
import { newResults, RESULTS_FILE, writeResults } from './results';
import { fmt, printTable } from './table';
import { triggerCost } from './trigger-cost';
import { waiting } from './waiting';

/** In the order they run. */
const BENCHMARKS: Benchmark[] = [triggerCost, waiting, batch, ingestion, downloads, queueIngestion];

const started = Date.now();
const step = (text: string) =>
	process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${text}\n`);

/** A wrong command line: reported without a stack. */
class UsageError extends Error {}

function parseArgs(args: string[]): { selected: typeof BENCHMARKS; quick: boolean } {
	const names = BENCHMARKS.map((b) => b.name as string);
	const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
	const wanted = only ? only.split(',').map((n) => n.trim()) : names;
	const unknown = wanted.filter((n) => !names.includes(n));
	const flags = args.filter((a) => !a.startsWith('--only=') && a !== '--quick');
	if (unknown.length || flags.length)
		throw new UsageError(
			`unknown ${[...unknown, ...flags].join(', ')}; use --only=${names.join(',')} and --quick`,
		);
	return {
		selected: BENCHMARKS.filter((b) => wanted.includes(b.name)),
		quick: args.includes('--quick'),
	};
}

async function main(): Promise<void> {
	const { selected, quick } = parseArgs(process.argv.slice(2));
	step(`${selected.map((b) => b.name).join(', ')}${quick ? ' (quick)' : ''}`);
	const results = newResults(quick);
	let n8n: BenchN8n | undefined;
	try {
		for (const benchmark of selected) {
			if (benchmark.needsN8n && !n8n) {
				n8n = await startBenchN8n(step);
				results.versions.n8n = n8n.n8n.runtime.n8nVersion;
				results.versions.n8nNode = n8n.n8n.runtime.nodeVersion;
			}
			try {
				const outcome = await benchmark.run({
					quick,
					step,
					n8n: benchmark.needsN8n ? n8n : undefined,
				});
				(results.benchmarks as Record<string, unknown>)[benchmark.name] = outcome;
			} catch (error) {
				if (benchmark.needsN8n && n8n)
					process.stderr.write(`--- n8n log tail ---\n${n8n.logTail()}\n`);
				throw error;
			}
		}
	} finally {
		await n8n?.stop();
	}
	const machine = results.machine;
	process.stdout.write(
		`\n# AI HomeDesign benchmarks (${results.date}, ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${results.versions.node})\n`,
	);
	for (const b of selected) for (const t of results.benchmarks[b.name]?.tables ?? []) printTable(t);
	writeResults(results);
	process.stdout.write(
		`\nFigures written to ${RESULTS_FILE}; total ${fmt((Date.now() - started) / 1000, 0)} s.\n`,
	);
}

main().catch((error) => {
	const text =
		error instanceof UsageError ? error.message : ((error as Error).stack ?? String(error));
	process.stderr.write(`bench failed: ${text}\n`);
	process.exitCode = 1;
});
