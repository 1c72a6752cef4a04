/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * A run's figures as data: results/latest.json, which every run overwrites and from which
 * render-readme.ts writes the README's performance table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { BatchFigures } from './batch';
import type { DownloadsFigures } from './downloads';
import type { IngestionFigures } from './ingestion';
import type { QueueIngestionFigures } from './queue-ingestion';
import type { Table } from './table';
import type { TriggerCostFigures } from './trigger-cost';
import type { WaitingFigures } from './waiting';

export const RESULTS_FILE = path.join(__dirname, 'results', 'latest.json');

export interface FiguresByBenchmark {
	'trigger-cost': TriggerCostFigures;
	waiting: WaitingFigures;
	ingestion: IngestionFigures;
	downloads: DownloadsFigures;
	'queue-ingestion': QueueIngestionFigures;
	batch: BatchFigures;
}

export type BenchmarkName = keyof FiguresByBenchmark;

export interface BenchResults {
	/** When the run started, ISO 8601. */
	date: string;
	/** --quick: shorter runs, not figures to publish. */
	quick: boolean;
	machine: { cpus: number; model: string; memoryGiB: number; platform: string; arch: string };
	versions: { node: string; n8n?: string; n8nNode?: string };
	/** Only the benchmarks that ran. */
	benchmarks: { [K in BenchmarkName]?: { tables: Table[]; figures: FiguresByBenchmark[K] } };
}

export function newResults(quick: boolean): BenchResults {
	const cpus = os.cpus();
	return {
		date: new Date().toISOString(),
		quick,
		machine: {
			cpus: cpus.length,
			model: cpus[0]?.model.trim() ?? 'unknown',
			memoryGiB: Math.round(os.totalmem() / 2 ** 30),
			platform: os.platform(),
			arch: os.arch(),
		},
		versions: { node: process.version },
		benchmarks: {},
	};
}

export function writeResults(results: BenchResults): void {
	fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
	fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, '\t')}\n`);
}

export function readResults(file = RESULTS_FILE): BenchResults {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
}
