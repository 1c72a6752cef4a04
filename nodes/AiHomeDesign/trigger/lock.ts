import type { IExecuteFunctions } from 'n8n-workflow';
import { randomInt } from 'n8n-workflow';

import { clock } from '../shared/clock';

/**
 * Layer 3, the "Strict Duplicate Check" option: a short lock per workflow, so that one execution at
 * a time runs the Layer 2 check (claim.ts), which n8n reads and writes back without a lock.
 *
 * Built from the one atomic step n8n's processed-data store offers: when the workflow-wide row
 * (scope 'workflow') is absent, checkProcessedAndRecord INSERTs it, and the database refuses the
 * second of two inserts (primary key). Holding the lock = that row exists and holds LOCK_KEY alone;
 * releasing = deleting the row. This rests on how n8n's DeduplicationHelper works (2.36 to 2.41:
 * insert when absent, not an upsert), not on a documented contract.
 *
 * The row is shared with Remove Duplicates nodes set to scope "workflow" in the same workflow. A row
 * that is not ours (other keys, another mode) is never cleared: the lock is skipped with a warning
 * and the check runs unlocked.
 */
export const LOCK_LIMITS = {
	/** A waiter that has seen our lock held this long clears it: its holder must have died. */
	staleMs: 30_000,
	/** A waiter gives up locking after this long and checks unlocked. */
	giveUpMs: 60_000,
	retryMinMs: 20,
	retryMaxMs: 150,
};

export const LOCK_KEY = 'aihd-trigger-lock';

const WORKFLOW = 'workflow' as const;
const ENTRIES = { mode: 'entries' as const };

/**
 * held: this execution took the lock. locked: another execution holds it (our key is in the row).
 * busy: contended, try again. foreign: the row belongs to something else.
 */
type Attempt = 'held' | 'locked' | 'busy' | { foreign: string };

/** The database refused a second insert of the row (Postgres 23505, SQLite, MySQL). */
export function isUniqueViolation(error: unknown): boolean {
	const e = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown } };
	const codes = [e?.code, e?.driverError?.code].map(String);
	if (
		codes.some((code) => ['23505', 'ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(code))
	)
		return true;
	return /UNIQUE constraint failed|duplicate key value|SQLITE_CONSTRAINT/i.test(String(e?.message));
}

async function attempt(context: IExecuteFunctions, confirm: boolean): Promise<Attempt> {
	const helpers = context.helpers;
	const count = async () => await helpers.getProcessedDataCount(WORKFLOW, ENTRIES);
	const before = await count();
	if (before > 1) return { foreign: `it holds ${before} keys` };
	if (before === 1 && !confirm) return 'busy';
	// No row: try to insert it. One key: find out whether it is our lock key (recording it if not).
	let added: boolean;
	try {
		added = (await helpers.checkProcessedAndRecord([LOCK_KEY], WORKFLOW, ENTRIES)).new.length === 1;
	} catch (error) {
		if (isUniqueViolation(error)) return 'busy';
		return { foreign: (error as Error).message };
	}
	if (!added) return 'locked';
	const after = await count();
	if (after === 1) return 'held';
	// Zero: the holder deleted the row under our write, which then changed nothing.
	if (after === 0) return 'busy';
	// We added our key to someone else's keys: take it out again.
	await helpers.removeProcessed([LOCK_KEY], WORKFLOW, ENTRIES);
	return { foreign: `it holds keys of another node` };
}

function warn(context: IExecuteFunctions, message: string): void {
	context.logger.warn(`AI HomeDesign Trigger "${context.getNode().name}": ${message}`);
}

/** Resolves with when the lock was taken, or undefined when the check should run unlocked. */
async function acquire(context: IExecuteFunctions): Promise<number | undefined> {
	const start = clock.now();
	let waitingSince = start;
	let confirmed = false;
	for (;;) {
		const stale = clock.now() - waitingSince >= LOCK_LIMITS.staleMs;
		const result = await attempt(context, !confirmed || stale);
		if (result === 'held') return clock.now();
		if (typeof result === 'object') {
			warn(
				context,
				`Strict Duplicate Check is skipped: the workflow-wide duplicate data is in use (${result.foreign}), e.g. by a Remove Duplicates node with scope "workflow". Set that node to scope "node", or turn the option off.`,
			);
			return undefined;
		}
		if (result === 'locked') {
			confirmed = true;
			if (stale) {
				// Just seen to hold our key alone, for longer than any check takes.
				await context.helpers.clearAllProcessedItems(WORKFLOW, ENTRIES);
				warn(
					context,
					`cleared a duplicate-check lock held for over ${LOCK_LIMITS.staleMs / 1000} s`,
				);
				waitingSince = clock.now();
				continue;
			}
		}
		if (clock.now() - start >= LOCK_LIMITS.giveUpMs) {
			warn(
				context,
				`gave up waiting for the duplicate-check lock after ${LOCK_LIMITS.giveUpMs / 1000} s; checking without it`,
			);
			return undefined;
		}
		await clock.sleep(randomInt(LOCK_LIMITS.retryMinMs, LOCK_LIMITS.retryMaxMs));
	}
}

async function release(context: IExecuteFunctions, heldSince: number): Promise<void> {
	// Held this long, a waiter may have cleared it and another execution taken it: leave that one be.
	if (clock.now() - heldSince >= LOCK_LIMITS.staleMs) return;
	try {
		await context.helpers.clearAllProcessedItems(WORKFLOW, ENTRIES);
	} catch (error) {
		// The check is done and its answer stands; a waiter clears the lock once it is stale.
		warn(context, `could not release the duplicate-check lock: ${(error as Error).message}`);
	}
}

/** Runs `critical` while holding the workflow's lock (or unlocked, when the lock cannot be used). */
export async function withWorkflowLock<T>(
	context: IExecuteFunctions,
	critical: () => Promise<T>,
): Promise<T> {
	const heldSince = await acquire(context);
	if (heldSince === undefined) return await critical();
	try {
		return await critical();
	} finally {
		await release(context, heldSince);
	}
}
