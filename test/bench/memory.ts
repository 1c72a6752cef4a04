/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * Resident memory of another process, with `ps` (Linux and macOS alike; /proc exists only on Linux).
 * A sampler keeps the highest value seen: the true peak between two samples can be a little higher.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { sleep } from '../support/sleep';

const run = promisify(execFile);

/** RSS of `pid` in KiB, as ps reports it. */
export async function rssKb(pid: number): Promise<number> {
	const { stdout } = await run('ps', ['-o', 'rss=', '-p', String(pid)]);
	const kb = Number(stdout.trim());
	if (!Number.isFinite(kb) || kb <= 0) throw new Error(`ps gave no RSS for process ${pid}`);
	return kb;
}

export interface PeakSampler {
	/** Stops sampling; resolves with the highest RSS seen, KiB. */
	stop(): Promise<number>;
}

/** Samples `pid`'s RSS every `intervalMs` (plus the time ps takes) until stopped. */
export function samplePeakRss(pid: number, startKb: number, intervalMs = 10): PeakSampler {
	let peak = startKb;
	let sampling = true;
	const loop = (async () => {
		while (sampling) {
			try {
				peak = Math.max(peak, await rssKb(pid));
			} catch {
				return; // the process is gone: the peak so far stands
			}
			await sleep(intervalMs);
		}
	})();
	return {
		async stop() {
			sampling = false;
			await loop;
			return peak;
		},
	};
}
