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
import { searchProjects } from './methods/listSearch';
import { getInputSlots, getTools } from './methods/loadOptions';
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
		// 1.1: Order → Get simplifies its output by default (version 1 keeps the raw order).
		version: [1, 1.1],
		defaultVersion: 1.1,
		// The operation in words (test/nodes/AiHomeDesign/subtitle.test.ts keeps it complete).
		subtitle:
			'={{ {"order:append":"Append Image to Order","order:create":"Create Order","order:get":"Get Order","process:runTool":"Run Tool on Image","process:create":"Create Process","process:get":"Get Process","process:waitForCompletion":"Wait for Completion","project:create":"Create Project","project:get":"Get Project","project:getAll":"Get Many Projects","tool:getAll":"Get Many Tools"}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}',
		description:
			'Virtual staging, decluttering and photo enhancement for real estate with AI HomeDesign: run a tool on a listing photo and get the result',
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

	methods = {
		loadOptions: { getInputSlots, getTools },
		listSearch: { searchProjects },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
