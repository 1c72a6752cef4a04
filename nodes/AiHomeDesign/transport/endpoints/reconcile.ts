import type { CreateProcessBody, Order } from '../../schemas';

/**
 * Finding the process a `POST /process` created when its answer was lost (5xx, timeout, dropped
 * connection). `GET /order/:id` lists the order's processes; their shape is not documented, so
 * each entry is read tolerantly:
 * - id: `id`, `_id` or `process_id` (24-hex, any case);
 * - tool: `tool` (a slug, or an object with `slug`), `tool_slug`;
 * - creation time: `created_at`, `createdAt`, `created` (ISO text or epoch ms);
 * - `asset_map` and `widgets`, compared only when the entry has them (the simulator's, like the
 *   MCP's view of the live API, has neither).
 * An entry that matches tool (and asset map and widgets, when given) and was created no earlier
 * than the send (less `CLOCK_SKEW_MS`, for the two clocks) is the one this request created.
 */
export const CLOCK_SKEW_MS = 2 * 60_000;

export type Reconciled =
	| { kind: 'found'; processId: string }
	| { kind: 'none' }
	| { kind: 'unknown'; why: string };

const OBJECT_ID = /^[0-9a-f]{24}$/i;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function idOf(entry: Record<string, unknown>): string | undefined {
	for (const key of ['id', '_id', 'process_id']) {
		const value = text(entry[key]);
		if (value && OBJECT_ID.test(value)) return value.toLowerCase();
	}
	return undefined;
}

function toolOf(entry: Record<string, unknown>): string | undefined {
	const tool = entry.tool;
	if (tool && typeof tool === 'object') return text((tool as Record<string, unknown>).slug);
	return text(tool) ?? text(entry.tool_slug);
}

function createdAtOf(entry: Record<string, unknown>): number | undefined {
	for (const key of ['created_at', 'createdAt', 'created']) {
		const value = entry[key];
		if (typeof value === 'number' && Number.isFinite(value)) return value;
		const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
		if (!Number.isNaN(parsed)) return parsed;
	}
	return undefined;
}

function sameAssetMap(entry: Record<string, unknown>, body: CreateProcessBody): boolean {
	const map = entry.asset_map;
	if (!map || typeof map !== 'object' || Array.isArray(map)) return true;
	const given = map as Record<string, unknown>;
	return Object.entries(body.asset_map).every(
		([slot, id]) => String(given[slot] ?? '').toLowerCase() === id.toLowerCase(),
	);
}

function sameWidgets(entry: Record<string, unknown>, body: CreateProcessBody): boolean {
	if (!Array.isArray(entry.widgets)) return true;
	const key = (widgets: unknown[]) =>
		widgets
			.map((w) => {
				const widget = (w ?? {}) as { slug?: unknown; item_slugs?: unknown };
				const items = Array.isArray(widget.item_slugs) ? widget.item_slugs.map(String).sort() : [];
				return `${String(widget.slug)}=${items.join(',')}`;
			})
			.sort()
			.join(';');
	return key(entry.widgets) === key(body.widgets ?? []);
}

/**
 * Which process on `order` this request created, if it can tell. `sentAt`: our clock when the
 * POST left. `orderIsNew`: the order was uploaded by this same item moments ago, so a matching
 * process on it is ours even without a creation time.
 */
export function findCreatedProcess(
	order: Order,
	body: CreateProcessBody,
	sentAt: number,
	orderIsNew: boolean,
): Reconciled {
	const entries = order.processes;
	if (!Array.isArray(entries)) {
		return { kind: 'unknown', why: 'the order as the API shows it has no list of processes' };
	}
	const candidates: Array<{ id: string; createdAt?: number }> = [];
	for (const raw of entries) {
		if (!raw || typeof raw !== 'object') {
			return { kind: 'unknown', why: "the order's processes are listed without their details" };
		}
		const entry = raw as Record<string, unknown>;
		const id = idOf(entry);
		const tool = toolOf(entry);
		if (!id || !tool) {
			return { kind: 'unknown', why: 'the order lists a process without a readable ID or tool' };
		}
		if (tool !== body.tool || !sameAssetMap(entry, body) || !sameWidgets(entry, body)) continue;
		const createdAt = createdAtOf(entry);
		if (createdAt !== undefined && createdAt < sentAt - CLOCK_SKEW_MS) continue;
		candidates.push({ id, createdAt });
	}
	if (candidates.length === 0) return { kind: 'none' };
	if (candidates.some((c) => c.createdAt === undefined) && !orderIsNew) {
		return {
			kind: 'unknown',
			why: `the order has a ${body.tool} process whose creation time the API does not show`,
		};
	}
	if (candidates.length > 1) {
		return {
			kind: 'unknown',
			why: `the order has ${candidates.length} matching ${body.tool} processes created since the request was sent`,
		};
	}
	return { kind: 'found', processId: candidates[0].id };
}
