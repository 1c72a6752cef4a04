/**
 * Result downloads in a real n8n: 50 processes with 8 MiB results through Process → Get with Download
 * Full Size, in n8n's filesystem binary data mode and in its in-memory one; the n8n process's resident
 * memory against the bytes moved.
 */
import type { N8nInstance } from '../e2e/harness';
import { sleep } from '../support/sleep';
import type { Benchmark, BenchContext } from './benchmark';
import { DOWNLOADS_PATH, DOWNLOADS_WORKFLOW, makeProcess } from './fixtures';
import { rssKb, samplePeakRss } from './memory';
import { RESULT_IMAGE_BYTES } from './n8n';
import { fmt } from './table';

const COUNT = 50;
const SETTLE_MS = 3000;

type BinaryMode = 'filesystem' | 'default';

export interface DownloadRun {
	mode: BinaryMode;
	status: number;
	/** All files arrived and were stored, with the right total size. */
	complete: boolean;
	error?: string;
	ms: number;
	baseKb: number;
	peakKb: number;
	afterKb: number;
}

export interface DownloadsFigures {
	count: number;
	fileBytes: number;
	runs: DownloadRun[];
}

const LABELS: Record<BinaryMode, string> = {
	filesystem: 'filesystem (n8n 2.41 default)',
	default: 'in memory (N8N_DEFAULT_BINARY_DATA_MODE=default)',
};

/** Why a run failed, from the execution n8n saved and its log (a RangeError when it cannot save one). */
async function failureOf(n8n: N8nInstance, logMark: number): Promise<string> {
	let error: string;
	try {
		const [last] = await n8n.listExecutions({ workflowId: DOWNLOADS_WORKFLOW.id, limit: 1 });
		const e = last?.data?.resultData?.error as
			| { message: string; node?: { name: string } }
			| undefined;
		error = e
			? `${e.message}${e.node ? ` (node ${e.node.name})` : ''}`
			: `execution ${last?.status}`;
	} catch (e) {
		error = `could not read the execution: ${(e as Error).message}`;
	}
	const logged = n8n
		.logsSince(logMark)
		.split('\n')
		.filter((l) => /error|invalid|heap|cannot/i.test(l))
		.slice(0, 3)
		.join(' | ');
	const range = /RangeError: [^|\n"]+/.exec(logged);
	if (range) return `${range[0].trim()} (n8n, saving the execution: ${error})`;
	return logged ? `${error}; n8n log: ${logged.slice(0, 300)}` : error;
}

async function downloadRun(
	n8n: N8nInstance,
	ids: string[],
	mode: BinaryMode,
	step: BenchContext['step'],
): Promise<DownloadRun> {
	step(
		`   restarting n8n with N8N_DEFAULT_BINARY_DATA_MODE=${mode} (a fresh process for a clean baseline)`,
	);
	await n8n.restart({
		env: { N8N_EXPRESSION_ENGINE: 'vm', N8N_DEFAULT_BINARY_DATA_MODE: mode },
	});
	const pid = n8n.pid;
	if (!pid) throw new Error('n8n is not running');
	await sleep(SETTLE_MS);
	const baseKb = await rssKb(pid);
	const sampler = samplePeakRss(pid, baseKb);
	const logMark = n8n.logMark();
	const t0 = Date.now();
	const res = await n8n.callWebhook(DOWNLOADS_PATH, { body: { ids } });
	const ms = Date.now() - t0;
	const peakKb = await sampler.stop();
	const afterKb = await rssKb(pid);
	const answer = res.json as { items?: number; bytes?: number } | undefined;
	const complete =
		res.status === 200 && answer?.items === COUNT && answer?.bytes === COUNT * RESULT_IMAGE_BYTES;
	const error = complete ? undefined : await failureOf(n8n, logMark);
	step(
		`   ${LABELS[mode]}: ${res.status} in ${ms} ms, ${res.text.slice(0, 160)}${error ? `; ${error}` : ''}`,
	);
	return { mode, status: res.status, complete, error, ms, baseKb, peakKb, afterKb };
}

export const downloads: Benchmark<DownloadsFigures> = {
	name: 'downloads',
	needsN8n: true,
	async run({ step, n8n: bench }) {
		if (!bench) throw new Error('downloads needs the benchmarks n8n');
		const { n8n, sim } = bench;
		step(`result downloads in a real n8n (${COUNT} × 8 MiB)`);
		const ids = Array.from({ length: COUNT }, () => makeProcess(sim.platform));
		// Generate the images once (the simulator caches them), so the runs time n8n, not the JPEG maker.
		for (const p of sim.platform.processes())
			for (const a of p.final_assets)
				if (a.src)
					sim.platform.handle({
						method: 'GET',
						path: new URL(a.src).pathname,
						query: {},
						headers: {},
					});
		const runs: DownloadRun[] = [];
		for (const mode of ['filesystem', 'default'] as const)
			runs.push(await downloadRun(n8n, ids, mode, step));

		const movedMiB = (COUNT * RESULT_IMAGE_BYTES) / 1048576;
		return {
			figures: { count: COUNT, fileBytes: RESULT_IMAGE_BYTES, runs },
			tables: [
				{
					title: 'Result downloads in a real n8n (Process → Get, Download Full Size, 50 processes)',
					notes: [
						`Bytes moved: ${COUNT} × ${RESULT_IMAGE_BYTES} = ${fmt(movedMiB, 0)} MiB from the simulator to n8n over loopback; the workflow answers when all are stored.`,
						`RSS of the n8n main process (ps): baseline after ${SETTLE_MS / 1000} s idle on a fresh start; peak = the highest of samples taken every ~10 ms during the run.`,
						'Streamed = peak growth far below the bytes moved (one image in flight at a time would be ~8 MiB plus buffers).',
					],
					headers: [
						'binary data mode',
						'result',
						'time s',
						'MiB/s',
						'RSS before MiB',
						'RSS peak MiB',
						'growth MiB',
						'growth / moved',
					],
					rows: runs.map((r) => {
						const growthMiB = (r.peakKb - r.baseKb) / 1024;
						return [
							LABELS[r.mode],
							r.complete
								? `${COUNT} × ${fmt(RESULT_IMAGE_BYTES / 1048576, 0)} MiB stored`
								: `FAILED (${r.status}): ${String(r.error).slice(0, 120)}`,
							fmt(r.ms / 1000, 1),
							fmt(movedMiB / (r.ms / 1000), 0),
							fmt(r.baseKb / 1024, 0),
							fmt(r.peakKb / 1024, 0),
							fmt(growthMiB, 0),
							fmt(growthMiB / movedMiB, 2),
						];
					}),
				},
			],
		};
	},
};
