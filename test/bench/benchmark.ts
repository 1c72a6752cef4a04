/** What every benchmark module exports, and what run.ts hands it. */
import type { BenchN8n } from './n8n';
import type { BenchmarkName } from './results';
import type { Table } from './table';

export interface BenchContext {
	/** Shorter runs (--quick): for checking that the benchmarks work, not for figures to publish. */
	quick: boolean;
	/** A progress line on stderr (the tables go to stdout). */
	step(text: string): void;
	/** The shared n8n and simulator; set for benchmarks with `needsN8n`. */
	n8n?: BenchN8n;
}

export interface BenchOutcome<Figures> {
	tables: Table[];
	/** The measurements as numbers, for results/latest.json and the README table. */
	figures: Figures;
}

export interface Benchmark<Figures = unknown> {
	/** What it measures, as given to --only. */
	name: BenchmarkName;
	needsN8n: boolean;
	run(context: BenchContext): Promise<BenchOutcome<Figures>>;
}
