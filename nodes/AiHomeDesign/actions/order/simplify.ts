import type { IDataObject } from 'n8n-workflow';

import type { Order } from '../../schemas';

// Order → Get with Simplify on: what a workflow usually needs from an order, without every
// asset's and process's URLs and timestamps. The answer's shape is only partly documented, so
// each field is read tolerantly and left out when absent.

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function record(value: unknown): Record<string, unknown> {
	return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function resultUrls(process: Record<string, unknown>): string[] {
	const assets = Array.isArray(process.final_assets) ? process.final_assets : [];
	return assets
		.map((asset) => text(record(asset).src) ?? text(record(asset).temp_src))
		.filter((url): url is string => url !== undefined);
}

function simplifyProcess(entry: unknown): IDataObject {
	if (typeof entry === 'string') return { process_id: entry };
	const process = record(entry);
	const tool = process.tool;
	const simplified: IDataObject = {
		process_id: text(process.id) ?? text(process._id) ?? text(process.process_id) ?? null,
		tool: text(record(tool).slug) ?? text(tool) ?? text(process.tool_slug) ?? null,
		status: text(process.status) ?? null,
	};
	const urls = resultUrls(process);
	if (urls.length > 0) simplified.result_urls = urls;
	return simplified;
}

/** The order's ID, project, creation time, its images (ID and role) and each process in one line. */
export function simplifyOrder(order: Order): IDataObject {
	const simplified: IDataObject = {
		order_id: text(order.order_id) ?? text(order.id) ?? text(order._id) ?? null,
	};
	const projectId = text(order.project_id);
	if (projectId) simplified.project_id = projectId;
	const createdAt = text(order.created_at);
	if (createdAt) simplified.created_at = createdAt;
	simplified.assets = (order.assets ?? []).map((asset) => ({
		id: asset.id,
		role: asset.role ?? null,
	}));
	simplified.processes = (order.processes ?? []).map(simplifyProcess);
	return simplified;
}
