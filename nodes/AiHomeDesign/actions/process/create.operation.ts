import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkAssetMap, describeRefusal } from '../../domain/toolInputs';
import type { CreateProcessBody } from '../../schemas';
import type { OperationResult } from '../../shared/types';
import { createProcess } from '../../transport';
import {
	forOperation,
	orderIdField,
	resultFilesFields,
	waitForCompletionField,
	waitOptionsField,
} from '../common.descriptions';
import { readObjectId, readResultFiles, readTool, readWaitSettings, readWidgets } from '../readers';
import { toolFields, toolSettingsFields } from '../toolSettings.descriptions';

const properties: INodeProperties[] = [
	{
		...orderIdField,
		description: 'The order holding the uploaded photos, as returned by Order → Create',
	},
	...toolFields,
	{
		displayName: 'Input Images',
		name: 'assetMap',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Input Image',
		default: {},
		description:
			"Which of the order's images goes into each of the tool's inputs. Left empty, nothing is sent: Run Tool on Image fills them itself (photo first, then mask).",
		options: [
			{
				displayName: 'Input',
				name: 'inputs',
				values: [
					{
						displayName: 'Tool Input Name or ID',
						name: 'slot',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getInputSlots', loadOptionsDependsOn: ['tool'] },
						default: '',
						description:
							'Which of the tool\'s inputs this image fills, e.g. the photo or the mask. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Image ID',
						name: 'assetId',
						type: 'string',
						default: '',
						placeholder: 'e.g. 6878b6882ecd619eab1f886c',
						description:
							"The ID of one of the order's images, as listed under assets in Order → Create's output",
					},
				],
			},
		],
	},
	...toolSettingsFields,
	{
		displayName: 'Process Group ID',
		name: 'processGroupId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 694002f74da0895282fbdb85',
		description:
			'To refine an automatic AI Item Removal with a mask: the process_group_id that the removal output (Process → Create or Run Tool on Image), on the same order. It is not a process ID. Leave empty for a mask removal on its own.',
		displayOptions: { show: { tool: ['tool-item-removal-mask'] } },
	},
	waitForCompletionField,
	{ ...waitOptionsField, displayOptions: { show: { waitForCompletion: [true] } } },
	...resultFilesFields.map((field) => ({
		...field,
		displayOptions: {
			show: { ...field.displayOptions?.show, waitForCompletion: [true] },
			hide: field.displayOptions?.hide,
		},
	})),
];

export const description = forOperation(
	{ resource: ['process'], operation: ['create'] },
	properties,
);

function readAssetMap(context: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const rows =
		(context.getNodeParameter('assetMap.inputs', itemIndex, []) as Array<{
			slot: string;
			assetId: string;
		}>) ?? [];
	const assetMap: Record<string, string> = {};
	for (const { slot, assetId } of rows) if (slot) assetMap[slot] = String(assetId ?? '').trim();
	return assetMap;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const orderId = readObjectId(this, 'orderId', itemIndex, 'Order ID');
	const tool = readTool(this, itemIndex);
	const body: CreateProcessBody = {
		order_id: orderId,
		tool,
		asset_map: readAssetMap(this, itemIndex),
		widgets: [],
	};
	checkAssetMap(tool, body.asset_map);
	body.widgets = readWidgets(this, itemIndex, tool);
	if (tool === 'tool-item-removal-mask') {
		const groupId = String(this.getNodeParameter('processGroupId', itemIndex, '') ?? '').trim();
		if (groupId)
			body.process_group_id = readObjectId(this, 'processGroupId', itemIndex, 'Process Group ID');
	}

	const { processId, processGroupId } = await createProcess.call(this, body, 0, {
		refusal: describeRefusal(tool, body.widgets),
	});
	const known = {
		tool,
		order_id: orderId,
		process_group_id: processGroupId ?? body.process_group_id,
	};
	if (!(this.getNodeParameter('waitForCompletion', itemIndex, true) as boolean)) {
		return {
			items: [
				{
					json: {
						process_id: processId,
						status: 'pending',
						tool,
						order_id: orderId,
						process_group_id: known.process_group_id ?? null,
						final_assets: [],
					},
				},
			],
		};
	}
	// A process created a moment ago is not done: the first check comes one interval later.
	return {
		wait: {
			processId,
			settings: readWaitSettings(this, itemIndex, true),
			known,
			...readResultFiles(this, itemIndex),
		},
	};
}
