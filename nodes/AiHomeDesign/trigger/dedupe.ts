import type { IDataObject } from 'n8n-workflow';

/**
 * Remembers which completions already started the workflow, so that the platform's retries and
 * double sends start it once. The key is `<process id>:<status>`.
 *
 * Two stores:
 * - A module-level map in this process's memory. The check and the mark happen in one synchronous
 *   step, with no `await` in between, so of two identical deliveries arriving together exactly one
 *   gets through. Lost when n8n restarts.
 * - The node's workflow static data, read on every delivery and written when one starts the
 *   workflow. Measured on n8n 2.41.1: n8n does NOT keep what webhook() writes there. Before a
 *   webhook-started execution it reloads static data from the database (WorkflowRunner.run with
 *   loadStaticData), so the write is dropped; only what activation (the trigger's webhookMethods) writes
 *   is saved. The write is kept because it costs little and takes effect on a host that does save
 *   it; keys put there some other way are honoured.
 * So in practice duplicates are caught within one n8n process's lifetime: a retry that arrives
 * after a restart starts the workflow again.
 * Both stores are bounded: at most `maxKeys` keys per trigger node, each kept `ttlMs`; the memory
 * holds at most `maxScopes` trigger nodes (least recently used go first).
 *
 * Queue mode with several webhook processes: each process has its own memory and nothing is shared,
 * so duplicates that reach different webhook processes can each start the workflow. Where a second
 * run matters (charges, emails), run a single webhook process, and/or drop duplicates downstream
 * with a persistent check: the Remove Duplicates node, "Remove Items Processed in Previous
 * Executions", on `{{ $json.process_id }}:{{ $json.status }}` (n8n stores those in its database).
 *
 * Test runs (the `/webhook-test/` URL) skip this: sending the same sample event twice while
 * building a workflow must work.
 */
export const DEDUPE_LIMITS = {
	maxKeys: 1000,
	ttlMs: 24 * 60 * 60 * 1000,
	maxScopes: 100,
};

/** Where in the node's static data the keys live: `{ [key]: first seen, epoch ms }`. */
export const STATIC_DATA_KEY = 'deliveries';

type SeenAt = Map<string, number>;

// One per n8n process, by trigger node: lives as long as the module, so a restart empties it.
const memory = new Map<string, SeenAt>();

/** One trigger node's map, moved to the most recently used end. */
function memoryFor(scope: string): SeenAt {
	const seen = memory.get(scope) ?? new Map<string, number>();
	memory.delete(scope);
	memory.set(scope, seen);
	for (const oldest of memory.keys()) {
		if (memory.size <= DEDUPE_LIMITS.maxScopes) break;
		memory.delete(oldest);
	}
	return seen;
}

export const deliveryKey = (processId: string, status: string) => `${processId}:${status}`;

export class DeliveryLedger {
	private readonly memory: SeenAt;

	constructor(
		scope: string,
		private readonly staticData: IDataObject,
		private readonly now: number,
	) {
		this.memory = memoryFor(scope);
		// Oldest first (claim re-inserts at the end), so expiry stops at the first fresh key.
		for (const [key, at] of this.memory) {
			if (this.fresh(at)) break;
			this.memory.delete(key);
		}
	}

	private fresh(at: unknown): at is number {
		return typeof at === 'number' && this.now - at < DEDUPE_LIMITS.ttlMs;
	}

	/** The saved keys, `{ [key]: first seen }`; created when missing or not an object. */
	private saved(): IDataObject {
		const saved = this.staticData[STATIC_DATA_KEY];
		if (saved && typeof saved === 'object' && !Array.isArray(saved)) return saved as IDataObject;
		// Assigning marks the static data as changed, so n8n saves it after the execution.
		this.staticData[STATIC_DATA_KEY] = {};
		return this.staticData[STATIC_DATA_KEY] as IDataObject;
	}

	has(key: string): boolean {
		return (
			this.fresh(this.memory.get(key)) ||
			this.fresh((this.staticData[STATIC_DATA_KEY] as IDataObject | undefined)?.[key])
		);
	}

	/**
	 * Marks `key` as seen and returns true, or returns false when it was seen already.
	 * Synchronous on purpose: see the note at the top of this file.
	 */
	claim(key: string): boolean {
		if (this.has(key)) return false;
		this.memory.delete(key);
		this.memory.set(key, this.now);
		for (const oldest of this.memory.keys()) {
			if (this.memory.size <= DEDUPE_LIMITS.maxKeys) break;
			this.memory.delete(oldest);
		}
		// Changed in place (n8n's static data notices writes to nested objects), not rebuilt: with
		// 1,000 keys a rebuild costs milliseconds per delivery.
		const saved = this.saved();
		delete saved[key];
		saved[key] = this.now;
		// Keys are not integer-like, so the object keeps insertion order: the oldest come first.
		let excess = Object.keys(saved).length - DEDUPE_LIMITS.maxKeys;
		for (const oldest in saved) {
			if (excess <= 0 && this.fresh(saved[oldest])) break;
			delete saved[oldest];
			excess--;
		}
		return true;
	}
}
