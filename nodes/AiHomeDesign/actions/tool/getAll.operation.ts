import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toolDefinition } from '../../domain/tools';
import type { OperationResult } from '../../shared/types';
import { fetchToolCatalog } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out tools that the platform has switched off',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tool'], operation: ['getAll'] } },
	properties,
);

/** The live catalog, each tool with the input slots and options this package knows for it. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const activeOnly = this.getNodeParameter('activeOnly', itemIndex, true) as boolean;
	const tools = (await fetchToolCatalog.call(this)).filter(
		(tool) => !activeOnly || tool.isActive !== false,
	);
	return {
		items: tools.map((tool) => {
			const definition = toolDefinition(tool.slug);
			return {
				json: {
					...tool,
					input_slots: definition.slots.map((slot) => `${tool.slug}-${slot}`),
					widgets: definition.widgets.map((w) => ({
						purpose: w.purpose,
						label: w.label,
						multiple: w.multiple,
						required: w.required,
						values: w.values,
					})),
				},
			};
		}),
	};
}
