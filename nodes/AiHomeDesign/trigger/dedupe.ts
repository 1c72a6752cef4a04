/**
 * Layer 1 of the trigger's duplicate check: remembers, in this n8n process's memory, which
 * completions already started the workflow, so that the platform's retries and double sends are
 * answered 200 without creating an execution. The key is `<process id>:<status>`, lower case.
 *
 * The check and the mark happen in one synchronous step, with no `await` in between, so of two
 * identical deliveries reaching the same process together exactly one gets through. The memory is
 * lost when n8n restarts and is not shared between processes (queue mode): the durable check is
 * Layer 2, in the trigger's execute() (claim.ts), on n8n's processed-data table.
 *
 * Nothing is written to workflow static data. n8n does save what webhook() writes there (after the
 * answer callback), but every delivery loads the whole object and every save overwrites it: of
 * deliveries that overlap, only the last one's keys survive, and any execution that saves its own
 * (older) copy erases them. Keys that earlier versions of this package left in static data are ignored.
 *
 * Bounded: at most `maxKeys` keys per trigger node, each kept `ttlMs`; the memory holds at most
 * `maxScopes` trigger nodes (least recently used go first).
 *
 * Test runs (the `/webhook-test/` URL) skip this: sending the same sample event twice while
 * building a workflow must work.
 */
export const DEDUPE_LIMITS = {
	maxKeys: 1000,
	ttlMs: 24 * 60 * 60 * 1000,
	maxScopes: 100,
};

/** Where earlier versions of this package kept keys in the node's static data; no longer read or written. */
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

/** One trigger node of one workflow: what both layers keep their keys under. */
export const triggerScope = (context: {
	getWorkflow(): { id?: string };
	getNode(): { id: string };
}) => `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;

/** The one key both layers use: ids and statuses compare in lower case. */
export const deliveryKey = (processId: string, status: string) =>
	`${processId.toLowerCase()}:${status.toLowerCase()}`;

export class DeliveryLedger {
	private readonly memory: SeenAt;

	constructor(
		scope: string,
		private readonly now: number,
	) {
		this.memory = memoryFor(scope);
		// Oldest first (claim re-inserts at the end), so expiry stops at the first fresh key.
		for (const [key, at] of this.memory) {
			if (this.fresh(at)) break;
			this.memory.delete(key);
		}
	}

	private fresh(at: number | undefined): boolean {
		return at !== undefined && this.now - at < DEDUPE_LIMITS.ttlMs;
	}

	has(key: string): boolean {
		return this.fresh(this.memory.get(key));
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
		return true;
	}
}
