import type { IExecuteFunctions } from 'n8n-workflow';

import { TERMINAL_STATUSES, type Process } from '../schemas';
import { clock } from '../shared/clock';
import { MIN_POLL_INTERVAL_MS } from '../shared/constants';
import { throwIfCancelled } from '../shared/errors';
import type { ResultSize, WaitSettings } from '../shared/types';
import { getProcess } from '../transport';

export type WaitOutcome =
	| { kind: 'finished'; snapshot: Process }
	| { kind: 'timeout'; lastSeen?: Process; waitedMs: number }
	| { kind: 'error'; error: Error };

interface Pending {
	intervalMs: number;
	nextPollAt: number;
	deadline: number;
	lastSeen?: Process;
	size?: ResultSize;
}

/**
 * Waits for many processes in one loop, so N processes take about as long as the slowest one.
 * Each process is polled at most once per interval; the loop sleeps until the next one is due.
 * Cancellation (the signal) rejects with ExecutionCancelledWhileWaiting.
 */
export async function waitForProcesses(
	context: IExecuteFunctions,
	requests: Array<{ processId: string; settings: WaitSettings; size?: ResultSize }>,
	signal?: AbortSignal,
): Promise<Map<string, WaitOutcome>> {
	const start = clock.now();
	const outcomes = new Map<string, WaitOutcome>();
	const pending = new Map<string, Pending>();
	for (const { processId, settings, size } of requests) {
		if (pending.has(processId)) continue;
		pending.set(processId, {
			size,
			intervalMs: Math.max(MIN_POLL_INTERVAL_MS, settings.intervalMs),
			nextPollAt: start + (settings.firstPollDelayMs ?? 0),
			deadline: start + settings.timeoutMs,
		});
	}

	while (pending.size > 0) {
		const now = clock.now();
		const due = [...pending].filter(([, state]) => state.nextPollAt <= now);
		await Promise.all(
			due.map(async ([processId, state]) => {
				try {
					// Retries of a status request keep to the same 5-second spacing as the polls.
					const snapshot = await getProcess.call(context, processId, {
						signal,
						retry: { minDelayMs: state.intervalMs },
						size: state.size,
					});
					state.lastSeen = snapshot;
					if (TERMINAL_STATUSES.includes(snapshot.status)) {
						outcomes.set(processId, { kind: 'finished', snapshot });
						pending.delete(processId);
					}
				} catch (error) {
					throwIfCancelled(context.getNode(), signal);
					outcomes.set(processId, { kind: 'error', error: error as Error });
					pending.delete(processId);
				}
				// Counted from the answer, not the request: the platform measures the gap between the
				// requests it receives, and network jitter must not bring two of them under 5 s.
				state.nextPollAt = clock.now() + state.intervalMs;
			}),
		);

		const after = clock.now();
		for (const [processId, state] of pending) {
			if (after >= state.deadline) {
				outcomes.set(processId, {
					kind: 'timeout',
					lastSeen: state.lastSeen,
					waitedMs: after - start,
				});
				pending.delete(processId);
			}
		}
		if (pending.size === 0) break;
		const wakeAt = Math.min(
			...[...pending.values()].map((s) => Math.min(s.nextPollAt, s.deadline)),
		);
		await clock.sleep(Math.max(0, wakeAt - clock.now()), signal);
		throwIfCancelled(context.getNode(), signal);
	}
	return outcomes;
}
