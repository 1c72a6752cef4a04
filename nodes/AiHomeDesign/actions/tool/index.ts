import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toolDefinition } from '../../helpers/tools';
import type { OperationResult, ResourceOperations } from '../../helpers/types';
import { fetchToolCatalog } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tool'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the platform's tools with their input slots and options",
				action: 'Get many tools',
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out tools that the platform has switched off',
		displayOptions: { show: { resource: ['tool'], operation: ['getAll'] } },
	},
];

async function getAll(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
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

export const operations: ResourceOperations = { getAll };
