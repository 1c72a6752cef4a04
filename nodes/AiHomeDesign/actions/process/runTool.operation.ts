import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { describeRefusal } from '../../domain/toolInputs';
import { slotSlug, toolDefinition } from '../../domain/tools';
import type { AssetRole } from '../../schemas';
import type { OperationResult } from '../../shared/types';
import { createProcess } from '../../transport';
import {
	projectIdOption,
	resultFilesFields,
	toolField,
	waitOptionsField,
	widgetFields,
} from '../common.descriptions';
import { uploadImages, type ImageSource } from '../images';
import { readResultFiles, readWaitSettings, readWidgets } from '../readers';

/** Tools that take a second image, and the role it is uploaded with. */
const SECOND_IMAGE_ROLE: Record<string, AssetRole> = {
	'tool-item-removal-mask': 'mask',
	'tool-darkness': 'secondary_angle',
};

const DEFAULT_QUEUE_MINUTES = 15;

const properties: INodeProperties[] = [
	{
		displayName: 'Image Source',
		name: 'inputSource',
		type: 'options',
		options: [
			{
				name: 'Binary Field',
				value: 'binary',
				description: "A photo in the item's binary data, e.g. from Google Drive",
			},
			{
				name: 'URL',
				value: 'url',
				description: 'A photo the node downloads first, e.g. a link given in a chat',
			},
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'inputBinaryField',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the photo',
		displayOptions: { show: { inputSource: ['binary'] } },
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/listing/living-room.jpg',
		description: 'The photo to work on: a JPG, PNG or WEBP reachable over HTTP(S)',
		displayOptions: { show: { inputSource: ['url'] } },
	},
	toolField,
	{
		displayName: 'Second Input Binary Field',
		name: 'secondBinaryField',
		type: 'string',
		default: 'mask',
		required: true,
		description:
			'For Item Removal with Mask: the mask (blue #7878CD marks what to remove). For Darkness: the second photo.',
		displayOptions: { show: { tool: Object.keys(SECOND_IMAGE_ROLE) } },
	},
	...widgetFields,
	waitOptionsField,
	...resultFilesFields.map((field) =>
		field.name === 'resultFiles' ? { ...field, default: 'full' } : field,
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			projectIdOption,
			{
				displayName: 'Queue for Rate Limit (Minutes)',
				name: 'rateLimitQueueMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_QUEUE_MINUTES,
				description:
					'The platform runs at most 10 processes per 10 minutes. Items over the limit wait up to this long for a free slot instead of failing; 0 fails at once.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['process'], operation: ['runTool'] } },
	properties,
);

/**
 * The one-node path: upload the item's photo as an order, run the tool on it, and hand the item to
 * the router's shared wait, which downloads the result image as binary.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const tool = this.getNodeParameter('tool', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		projectId?: string;
		rateLimitQueueMinutes?: number;
	};
	const widgets = readWidgets(this, itemIndex, tool);

	const images: ImageSource[] = [
		this.getNodeParameter('inputSource', itemIndex, 'binary') === 'url'
			? {
					source: 'url',
					url: this.getNodeParameter('imageUrl', itemIndex) as string,
					role: 'primary_angle',
				}
			: {
					source: 'binary',
					binaryPropertyName: this.getNodeParameter(
						'inputBinaryField',
						itemIndex,
						'data',
					) as string,
					role: 'primary_angle',
				},
	];
	if (SECOND_IMAGE_ROLE[tool]) {
		const field = this.getNodeParameter('secondBinaryField', itemIndex, 'mask') as string;
		images.push({ source: 'binary', binaryPropertyName: field, role: SECOND_IMAGE_ROLE[tool] });
	}
	const order = await uploadImages(this, itemIndex, images, {
		projectId: options.projectId?.trim() || undefined,
	});

	// The tool's slots take the uploaded assets in order: photo first, then mask or second photo.
	const slots = toolDefinition(tool).slots.map((slot) => slotSlug(tool, slot));
	const asset_map = Object.fromEntries(
		slots.map((slot, i) => [slot, order.assets[Math.min(i, order.assets.length - 1)].id]),
	);

	const queueMs = (options.rateLimitQueueMinutes ?? DEFAULT_QUEUE_MINUTES) * 60_000;
	const { processId, rateLimitedMs, processGroupId } = await createProcess.call(
		this,
		{ order_id: order.order_id, tool, asset_map, widgets },
		queueMs,
		{ orderIsNew: true, refusal: describeRefusal(tool, widgets) },
	);
	return {
		wait: {
			processId,
			settings: readWaitSettings(this, itemIndex, true),
			known: { tool, order_id: order.order_id, process_group_id: processGroupId },
			...readResultFiles(this, itemIndex),
			extra: rateLimitedMs > 0 ? { queued_seconds: Math.round(rateLimitedMs / 1000) } : undefined,
		},
	};
}
