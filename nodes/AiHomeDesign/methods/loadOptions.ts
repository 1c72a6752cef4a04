import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { slotSlug, TOOL_DEFINITIONS, toolDefinition } from '../domain/tools';
import { fetchToolCatalog } from '../transport';
import { hasCredential } from './credential';

const title = (value: string) => value.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

const KNOWN_NAMES = new Map(TOOL_DEFINITIONS.map((tool) => [tool.slug, tool.name]));
const SUMMARIES = new Map(TOOL_DEFINITIONS.map((tool) => [tool.slug, tool.summary]));
/** Beneath a tool the catalog has and this package does not know (it has no settings fields). */
export const NEW_TOOL_SUMMARY = 'Newer than this node: give its settings as JSON';

/** Tools as dropdown entries, by name, with what each does beneath (in words, not the API's slug). */
function toolOptions(tools: ReadonlyArray<{ name: string; slug: string }>): INodePropertyOptions[] {
	return tools
		.map((tool) => ({
			name: tool.name,
			value: tool.slug,
			description: SUMMARIES.get(tool.slug) || NEW_TOOL_SUMMARY,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

async function liveTools(context: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const catalog = await fetchToolCatalog.call(context);
	// One name per tool in every list: the package's for the tools it knows (the catalog says
	// "AI Item Removal (Mask)"), the catalog's for the others.
	const named = catalog.map((tool) => ({ ...tool, name: KNOWN_NAMES.get(tool.slug) ?? tool.name }));
	return toolOptions(named.filter((tool) => tool.isActive !== false));
}

/**
 * The Tool list: the tools this package knows until the node has a credential (a node just added:
 * the editor asks before it attaches one), then the active tools of the platform's live catalog.
 */
export async function getTools(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return hasCredential(this) ? await liveTools(this) : toolOptions(TOOL_DEFINITIONS);
}

function currentTool(context: ILoadOptionsFunctions): string {
	return String(context.getCurrentNodeParameter('tool') ?? '');
}

/** The chosen tool's input slots, e.g. the photo and, for mask removal, the mask. */
export async function getInputSlots(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tool = currentTool(this);
	if (!tool) return [];
	return toolDefinition(tool).slots.map((slot) => ({
		name: title(slot),
		value: slotSlug(tool, slot),
	}));
}

/**
 * The trigger's Tools filter: the live catalog when it can be read (it takes its address from the
 * credential), else the tools this package knows. The trigger needs a credential only for Verify
 * with API, so without one the dropdown still fills.
 */
export async function getTriggerTools(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	if (!hasCredential(this)) return toolOptions(TOOL_DEFINITIONS);
	try {
		return await liveTools(this);
	} catch (error) {
		this.logger.debug(
			`AI HomeDesign Trigger: tool catalog unavailable (${(error as Error).message}); offering the known tools`,
		);
		return toolOptions(TOOL_DEFINITIONS);
	}
}
