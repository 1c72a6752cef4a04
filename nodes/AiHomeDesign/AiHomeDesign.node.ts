import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as order from './actions/order';
import * as processResource from './actions/process';
import * as project from './actions/project';
import { router, type ResourceName } from './actions/router';
import * as tool from './actions/tool';
import { getInputSlots, getTools, getWidgetItems } from './methods/loadOptions';
import { CREDENTIAL_TYPE } from './shared/constants';

// Typed so that a Resource value without operations in the router fails to compile.
const resourceOptions: Array<INodePropertyOptions & { value: ResourceName }> = [
	{ name: 'Order', value: 'order', description: 'Uploaded photos that tools run on' },
	{ name: 'Process', value: 'process', description: 'One AI tool run on an order' },
	{ name: 'Project', value: 'project', description: 'A property, grouping its orders' },
	{ name: 'Tool', value: 'tool', description: "The platform's AI tools" },
];

export class AiHomeDesign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AI HomeDesign',
		name: 'aiHomeDesign',
		icon: { light: 'file:aihomedesign.svg', dark: 'file:aihomedesign.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Stage, restage, declutter and enhance real-estate photos with AI HomeDesign: upload photos, run a tool, wait for the result',
		defaults: { name: 'AI HomeDesign' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceOptions,
				default: 'process',
			},
			...order.description,
			...processResource.description,
			...project.description,
			...tool.description,
		],
	};

	methods = { loadOptions: { getInputSlots, getTools, getWidgetItems } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
