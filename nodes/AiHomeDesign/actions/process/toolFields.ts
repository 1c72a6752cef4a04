import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildWidgets, parseWidgetsJson } from '../../helpers/toolInputs';
import type { WidgetSelection } from '../../schemas';

/** The tool to run, from the platform's live catalog (active tools only). Shared by Create and Run Tool on Image. */
export const toolField: INodeProperties = {
	displayName: 'Tool Name or ID',
	name: 'tool',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTools' },
	required: true,
	default: '',
	description:
		'The AI tool to run, e.g. Virtual Staging. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const widgetFields: INodeProperties[] = [
	{
		displayName: 'Widgets Input',
		name: 'widgetsInput',
		type: 'options',
		options: [
			{
				name: 'Pick From List',
				value: 'list',
				description: 'Choose room type, style and other options from lists',
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'Send a widgets array exactly as the API takes it',
			},
		],
		default: 'list',
	},
	{
		displayName: 'Options Names or IDs',
		name: 'widgetItems',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getWidgetItems', loadOptionsDependsOn: ['tool'] },
		default: [],
		description:
			'The tool\'s options, such as space and style: pick one per single-choice option. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { widgetsInput: ['list'] } },
	},
	{
		displayName: 'More Item Slugs',
		name: 'customWidgetItems',
		type: 'string',
		default: '',
		placeholder: 'e.g. item-marble-widget-material-tool-floor-change',
		description:
			'Comma-separated item slugs that the list does not offer (the platform accepts more values than it publishes)',
		displayOptions: { show: { widgetsInput: ['list'] } },
	},
	{
		displayName: 'Widgets (JSON)',
		name: 'widgetsJson',
		type: 'json',
		default: '[]',
		description:
			'The widgets array as the API takes it, e.g. [{ "slug": "widget-style-tool-virtual-staging", "item_slugs": ["item-modern-widget-style-tool-virtual-staging"] }]',
		displayOptions: { show: { widgetsInput: ['json'] } },
	},
];

export const waitForCompletionField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until the process is done or failed and output its results. Off: output the process ID at once (use the AI HomeDesign Trigger or Wait for Completion later).',
};

export function readWidgets(
	context: IExecuteFunctions,
	itemIndex: number,
	tool: string,
): WidgetSelection[] {
	if (context.getNodeParameter('widgetsInput', itemIndex, 'list') === 'json') {
		return parseWidgetsJson(context.getNodeParameter('widgetsJson', itemIndex, '[]'));
	}
	const picked = context.getNodeParameter('widgetItems', itemIndex, []) as string[];
	const custom = String(context.getNodeParameter('customWidgetItems', itemIndex, '') ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return buildWidgets(tool, [...picked, ...custom]);
}
