import type { IWebhookFunctions } from 'n8n-workflow';

export type StatusFilter = 'both' | 'done' | 'failed';

export interface DeliveryFilters {
	status: StatusFilter;
	/** `undefined`: any tool. */
	tools?: string[];
}

export function readFilters(context: IWebhookFunctions): DeliveryFilters {
	const status = String(context.getNodeParameter('statusFilter', 'both')) as StatusFilter;
	const toolFilter = String(context.getNodeParameter('toolFilter', 'any'));
	if (toolFilter !== 'list') return { status };
	const chosen = context.getNodeParameter('tools', []) as unknown;
	const tools = (Array.isArray(chosen) ? chosen : String(chosen ?? '').split(','))
		.map((tool) => String(tool).trim())
		.filter((tool) => tool !== '');
	return { status, tools };
}

/** Why the filters leave this process out, or `undefined` when it passes. */
export function filteredOut(
	filters: DeliveryFilters,
	candidate: { status: string; tool: string | null },
): string | undefined {
	if (filters.status !== 'both' && candidate.status !== filters.status) {
		return `status "${candidate.status}" is filtered out`;
	}
	if (filters.tools && !filters.tools.includes(candidate.tool ?? '')) {
		return `tool "${candidate.tool ?? '(none)'}" is filtered out`;
	}
	return undefined;
}
