import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeRefusal } from '../../domain/toolInputs';
import { slotSlug, toolDefinition } from '../../domain/tools';
import type { AssetRole } from '../../schemas';
import { DEFAULT_QUEUE_MINUTES } from '../../shared/constants';
import type { OperationResult } from '../../shared/types';
import { createProcess } from '../../transport';
import {
	forOperation,
	projectIdOption,
	resultFilesFields,
	waitOptionsField,
} from '../common.descriptions';
import { uploadImages, type ImageSource } from '../images';
import { locatorValue, readResultFiles, readTool, readWaitSettings, readWidgets } from '../readers';
import {
	forNodeAndAgent,
	fromAI,
	toolFields,
	toolSettingsFields,
} from '../toolSettings.descriptions';

/** Tools that take a second image, and the role it is uploaded with. */
const SECOND_IMAGE_ROLE: Record<string, AssetRole> = {
	'tool-item-removal-mask': 'mask',
	'tool-darkness': 'secondary_angle',
};

const SECOND_IMAGE_TOOLS = Object.keys(SECOND_IMAGE_ROLE);

const properties: INodeProperties[] = [
	// An agent has links, not files, and reads URLs, not binary: its tool variant defaults to both.
	...forNodeAndAgent(
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
		{ default: 'url' },
	),
	{
		displayName: 'Input Binary Field',
		name: 'inputBinaryField',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the photo',
		displayOptions: { show: { inputSource: ['binary'] } },
	},
	...forNodeAndAgent(
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
		{
			default: fromAI(
				'image_url',
				'The public http(s) link of the room or house photo to edit (JPG, PNG or WEBP), e.g. the link the user gave',
			),
		},
	),
	...toolFields,
	{
		displayName: 'Second Input Binary Field',
		name: 'secondBinaryField',
		type: 'string',
		default: 'mask',
		required: true,
		description:
			'For Item Removal with Mask: the mask (blue #7878CD marks what to remove). For Darkness: the second photo.',
		displayOptions: { show: { inputSource: ['binary'], tool: SECOND_IMAGE_TOOLS } },
	},
	...forNodeAndAgent(
		{
			displayName: 'Second Image URL',
			name: 'secondImageUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://example.com/listing/living-room-mask.png',
			description:
				'For Item Removal with Mask: the mask (blue #7878CD marks what to remove). For Darkness: the second photo.',
			displayOptions: { show: { inputSource: ['url'], tool: SECOND_IMAGE_TOOLS } },
		},
		{
			default: fromAI(
				'second_image_url',
				'Only for Item Removal with Mask (the link of the mask image, blue marks what to remove) and Darkness (the link of a second shot of the same view). Empty for other tools.',
			),
		},
	),
	...toolSettingsFields,
	waitOptionsField,
	...resultFilesFields.flatMap((field) =>
		field.name === 'resultFiles'
			? forNodeAndAgent({ ...field, default: 'full' }, { default: 'none' })
			: [field],
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
					'The platform runs at most 10 processes per 10 minutes, and the node sends them at that pace: past the first 10 photos, a batch waits up to 10 minutes for each next 10 (100 photos take about 90 minutes). This is the longest one photo may wait for a free slot. Below 10, a batch of more than 10 photos is refused before it starts; 0 also fails at once on a rate limit.',
			},
		],
	},
];

export const description = forOperation(
	{ resource: ['process'], operation: ['runTool'] },
	properties,
);

/**
 * The one-node path: upload the item's photo as an order, run the tool on it, and hand the item to
 * the router's shared wait, which downloads the result image as binary.
 */
/**
 * How long this item's create may wait for a free slot ("Queue for Rate Limit"), in ms; read here
 * for the create itself and by the router, which paces a batch with it.
 */
export function readQueueMs(context: IExecuteFunctions, itemIndex: number): number {
	const options = context.getNodeParameter('options', itemIndex, {}) as {
		rateLimitQueueMinutes?: number;
	};
	const minutes = Number(options.rateLimitQueueMinutes ?? DEFAULT_QUEUE_MINUTES);
	return Math.max(0, Number.isFinite(minutes) ? minutes : 0) * 60_000;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const tool = readTool(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		/** A resource locator, or a plain string in workflows saved before it was one. */
		projectId?: unknown;
	};
	const widgets = readWidgets(this, itemIndex, tool);

	const fromUrl = this.getNodeParameter('inputSource', itemIndex, 'binary') === 'url';
	const images: ImageSource[] = [
		fromUrl
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
	const role = SECOND_IMAGE_ROLE[tool];
	if (role && fromUrl) {
		const url = this.getNodeParameter('secondImageUrl', itemIndex, '') as string;
		images.push({ source: 'url', url, role });
	} else if (role) {
		const field = this.getNodeParameter('secondBinaryField', itemIndex, 'mask') as string;
		images.push({ source: 'binary', binaryPropertyName: field, role });
	}
	const order = await uploadImages(this, itemIndex, images, {
		projectId: locatorValue(options.projectId) || undefined,
	});

	// The tool's slots take the uploaded assets in order: photo first, then mask or second photo.
	const slots = toolDefinition(tool).slots.map((slot) => slotSlug(tool, slot));
	const asset_map = Object.fromEntries(
		slots.map((slot, i) => [slot, order.assets[Math.min(i, order.assets.length - 1)].id]),
	);

	const queueMs = readQueueMs(this, itemIndex);
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
