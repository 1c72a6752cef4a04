import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clock } from '../shared/clock';
import { throwIfCancelled } from '../shared/errors';
import type { OperationResult } from '../shared/types';
import { GENERATION_LIMIT, GenerationWindow } from '../transport/pace';

const MINUTE_MS = 60_000;

/** Runs one item; a paced one first waits for a free slot, and its create is counted. */
export type PacedRun = (
	itemIndex: number,
	execute: () => Promise<OperationResult>,
) => Promise<OperationResult>;

const minutes = (ms: number) => Math.ceil(ms / MINUTE_MS);

interface Plan {
	/** From the first create to the last. */
	totalMs: number;
	/** The longest one photo waits for a slot. */
	longestWaitMs: number;
	/** Photos that would wait longer than their queue time allows, with that wait. */
	refused: Map<number, number>;
}

/**
 * The batch sent at the platform's pace into a window nobody else uses (uploads taking no time):
 * the first 10 at once, the next 10 one window later, and so on. With `keepToQueue`, a photo whose
 * wait exceeds its queue time is left out, and the photos after it take its place.
 */
function planBatch(paced: Map<number, number>, keepToQueue: boolean): Plan {
	const window = new GenerationWindow();
	const plan: Plan = { totalMs: 0, longestWaitMs: 0, refused: new Map() };
	for (const [itemIndex, queueMs] of paced) {
		const waitMs = window.nextSlotAt(plan.totalMs) - plan.totalMs;
		if (keepToQueue && waitMs > queueMs) {
			plan.refused.set(itemIndex, waitMs);
			continue;
		}
		plan.longestWaitMs = Math.max(plan.longestWaitMs, waitMs);
		plan.totalMs += waitMs;
		window.record(plan.totalMs);
	}
	return plan;
}

/**
 * Says, before anything is uploaded, that the batch cannot keep to the platform's pace with the
 * queue time set: how long the batch takes, which photo would wait too long, and what to set. The
 * error is thrown at once, or under Continue On Fail given to each photo left out (the others run).
 */
function checkBatch(
	context: IExecuteFunctions,
	paced: Map<number, number>,
): Map<number, NodeOperationError> {
	const { max, windowMs } = GENERATION_LIMIT;
	const full = planBatch(paced, false);
	const { refused } = planBatch(paced, true);
	if (refused.size === 0) {
		if (full.totalMs > 0)
			context.logger?.info(
				`AI HomeDesign: ${paced.size} photos at the platform's ${max} processes per ${minutes(windowMs)} minutes take about ${minutes(full.totalMs)} minutes`,
			);
		return new Map();
	}
	const photoNumber = new Map([...paced.keys()].map((itemIndex, j) => [itemIndex, j + 1]));
	const errorFor = (itemIndex: number, waitMs: number, whatHappened: string) =>
		new NodeOperationError(
			context.getNode(),
			`This batch of ${paced.size} photos takes about ${minutes(full.totalMs)} minutes at the platform's rate limit, longer than the node is set to wait`,
			{
				itemIndex,
				description: `AI HomeDesign runs at most ${max} processes per ${minutes(windowMs)} minutes, so photo ${photoNumber.get(itemIndex)} waits about ${minutes(waitMs)} minutes for a free slot, and "Queue for Rate Limit (Minutes)" allows ${Math.round((paced.get(itemIndex) ?? 0) / 6000) / 10}. Set it to ${minutes(full.longestWaitMs)} or more to run the whole batch (about ${minutes(full.totalMs)} minutes), or send at most ${max} photos per execution. ${whatHappened}`,
			},
		);
	if (!context.continueOnFail()) {
		const [itemIndex, waitMs] = [...refused][0];
		throw errorFor(itemIndex, waitMs, 'Nothing was uploaded or created.');
	}
	return new Map(
		[...refused].map(([itemIndex, waitMs]) => [
			itemIndex,
			errorFor(itemIndex, waitMs, 'This photo was not uploaded.'),
		]),
	);
}

/**
 * Paces one execution's Run Tool on Image items (`paced`: item index → the longest it may queue) to the platform's documented limit: each create is
 * sent when this execution's own creates leave a slot free, so a batch of 100 gets 429s only from
 * other use of the account. Throws before anything starts when the batch cannot finish within the
 * queue time set (under Continue On Fail, only the photos left out fail). The stop button ends the wait.
 */
export function startBatchPacer(
	context: IExecuteFunctions,
	paced: Map<number, number>,
	signal?: AbortSignal,
): PacedRun {
	const leftOut = checkBatch(context, paced);
	const window = new GenerationWindow();
	return async (itemIndex, execute) => {
		const queueMs = paced.get(itemIndex);
		if (queueMs === undefined) return await execute();
		const refusal = leftOut.get(itemIndex);
		if (refusal) throw refusal;
		const startedAt = clock.now();
		// Never longer than the item may queue: past that, the create goes and its 429 is shown.
		const waitMs = Math.min(window.nextSlotAt(startedAt) - startedAt, queueMs);
		if (waitMs > 0) {
			await clock.sleep(waitMs, signal);
			throwIfCancelled(context.getNode(), signal);
		}
		const pacedMs = waitMs > 0 ? clock.now() - startedAt : 0;
		const result = await execute();
		if (!('wait' in result)) return result;
		window.record(clock.now());
		if (pacedMs > 0) {
			const extra = result.wait.extra ?? {};
			const queuedMs = Number(extra.queued_seconds ?? 0) * 1000 + pacedMs;
			result.wait.extra = { ...extra, queued_seconds: Math.round(queuedMs / 1000) };
		}
		return result;
	};
}
