import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { itemSlug, slotSlug, TOOL_DEFINITIONS, toolDefinition } from '../domain/tools';
import { fetchToolCatalog } from '../transport';

const title = (value: string) => value.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

/** Tools as dropdown entries, by name, with the slug shown beneath. */
function toolOptions(tools: ReadonlyArray<{ name: string; slug: string }>): INodePropertyOptions[] {
	return tools
		.map((tool) => ({ name: tool.name, value: tool.slug, description: tool.slug }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Active tools from the platform's live catalog. */
export async function getTools(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const catalog = await fetchToolCatalog.call(this);
	return toolOptions(catalog.filter((tool) => tool.isActive !== false));
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

/** Every known value of every option of the chosen tool, as "Style: Modern". */
export async function getWidgetItems(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tool = currentTool(this);
	if (!tool) return [];
	return toolDefinition(tool).widgets.flatMap((widget) =>
		widget.values.map((value) => ({
			name: `${widget.label}: ${title(value)}`,
			value: itemSlug(tool, widget.purpose, value),
			description: `${widget.required ? 'Required' : 'Optional'}, ${widget.multiple ? 'pick any' : 'pick one'}`,
		})),
	);
}

/**
 * The trigger's Tools filter: the live catalog when it can be read (it takes its address from the
 * credential), else the tools this package knows. The trigger needs a credential only for Verify
 * with API, so without one the dropdown still fills.
 */
export async function getTriggerTools(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	try {
		return await getTools.call(this);
	} catch (error) {
		this.logger.debug(
			`AI HomeDesign Trigger: tool catalog unavailable (${(error as Error).message}); offering the known tools`,
		);
		return toolOptions(TOOL_DEFINITIONS);
	}
}
