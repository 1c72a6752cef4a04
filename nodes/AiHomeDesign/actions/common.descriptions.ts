import type { INodeProperties } from 'n8n-workflow';

import type { AssetRole } from '../schemas';
import { DEFAULT_TIMEOUT_SECONDS, MIN_POLL_INTERVAL_SECONDS } from '../shared/constants';

// Fields that more than one operation shows, written once. Operations add what differs.

/**
 * Shows fields for one operation, like n8n's updateDisplayOptions, but with the operation's keys
 * first: n8n stops reading `show` at the first key whose value is an expression (a tool chosen by
 * an expression or by the model), so keys after it would not count.
 */
export function forOperation(
	scope: { resource: string[]; operation: string[] },
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => {
		const { show, hide } = property.displayOptions ?? {};
		return {
			...property,
			displayOptions: { show: { ...scope, ...show }, ...(hide ? { hide } : {}) },
		};
	});
}

/**
 * A platform ID as the editor checks it (By ID mode): 24 characters of 0-9 and a-f; spaces around
 * are trimmed at run time. Old workflows saved a plain string in these fields; readers take both.
 */
const OBJECT_ID_VALIDATION = [
	{
		type: 'regex',
		properties: {
			// Empty passes here: Required says so where it is, and Project may stay empty.
			regex: '(\\s*[0-9a-fA-F]{24}\\s*)?',
			errorMessage: 'An AI HomeDesign ID is 24 characters of 0-9 and a-f',
		},
	},
];

/** An order by ID (there is no list of orders); Process → Create adds its own description. */
export const orderIdField: INodeProperties = {
	displayName: 'Order',
	name: 'orderId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'id', value: '' },
	description: 'The order holding the uploaded photos: its ID, as Order → Create outputs it',
	modes: [
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 6878b6d52ecd619eab1f886d',
			validation: OBJECT_ID_VALIDATION,
		},
	],
};

const DEFAULT_PROJECT_HINT = "The property's project. Empty: the account's default project.";

/** A project picked from a list searched by address, or typed as an ID. */
const projectIdBase: INodeProperties = {
	displayName: 'Project',
	name: 'projectId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a project (type to search by address)',
			typeOptions: { searchListMethod: 'searchProjects', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 69a6aa03a374700bff4a1328',
			validation: OBJECT_ID_VALIDATION,
		},
	],
};

/** A project that must be named (Project → Get). */
export const projectIdField: INodeProperties = {
	...projectIdBase,
	required: true,
	description: 'The property, by address, or its project ID',
};

/** Where a new order goes; empty means the account's default project. */
export const optionalProjectIdField: INodeProperties = {
	...projectIdBase,
	description: DEFAULT_PROJECT_HINT,
};

/** The same choice inside an Options collection. */
export const projectIdOption: INodeProperties = {
	...projectIdBase,
	description: DEFAULT_PROJECT_HINT,
};

export const processIdField: INodeProperties = {
	displayName: 'Process',
	name: 'processId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'id', value: '' },
	description:
		'The process: its ID, as Create, Run Tool on Image or the AI HomeDesign Trigger output it',
	modes: [
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 69a6bb11a374700bff4a1333',
			validation: OBJECT_ID_VALIDATION,
		},
	],
};

/** Polling settings, shared by every operation that waits for a process. */
export const waitOptionsField: INodeProperties = {
	displayName: 'Wait Options',
	name: 'waitOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: MIN_POLL_INTERVAL_SECONDS },
			default: MIN_POLL_INTERVAL_SECONDS,
			description: `Seconds between two status checks of a process. The platform allows one check per process every ${MIN_POLL_INTERVAL_SECONDS} seconds, so lower values are raised to ${MIN_POLL_INTERVAL_SECONDS}.`,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'How long to wait before giving up. The process keeps running on the platform; the error (or the item, with Continue On Fail) carries its ID to pick it up later.',
		},
	],
};

/** Whether result images come as URLs only, or also as files. */
export const resultFilesFields: INodeProperties[] = [
	{
		displayName: 'Result Files',
		name: 'resultFiles',
		type: 'options',
		options: [
			{ name: 'URLs Only', value: 'none', description: 'Output the result URLs; download nothing' },
			{
				name: 'Download Full Size',
				value: 'full',
				description: 'Also download each result image as binary data',
			},
			{
				name: 'Download Thumbnails',
				value: 'thumbnail',
				description: 'Also download each result thumbnail as binary data',
			},
		],
		default: 'none',
		description: 'Result URLs are temporary: download them here if later steps need the files',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The first image goes into this field, further ones into data_1, data_2, and so on',
		displayOptions: { hide: { resultFiles: ['none'] } },
	},
	{
		displayName: 'Result Size',
		name: 'resultSize',
		type: 'options',
		options: [
			{ name: 'Original', value: 'original', description: 'The size the platform made' },
			{
				name: 'Social Posts (1080 Px Wide)',
				value: 'social',
				description: 'Resized by the platform to 1080 pixels wide, e.g. for Instagram',
			},
			{ name: 'Custom', value: 'custom', description: 'A width and/or height in pixels' },
		],
		default: 'original',
		description: 'The size of the result images, for their URLs and for downloaded files alike',
	},
	{
		displayName: 'Result Width (Px)',
		name: 'resultWidth',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1080,
		description: 'Width of the result images in pixels. 0: follows the height.',
		displayOptions: { show: { resultSize: ['custom'] } },
	},
	{
		displayName: 'Result Height (Px)',
		name: 'resultHeight',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Height of the result images in pixels. 0: follows the width.',
		displayOptions: { show: { resultSize: ['custom'] } },
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

/** The photos to upload: each from a binary field or a URL, with its role. */
export function imagesField(defaultRole: AssetRole): INodeProperties {
	return {
		displayName: 'Images',
		name: 'images',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Image',
		default: { image: [{ source: 'binary', binaryPropertyName: 'data', role: defaultRole }] },
		options: [
			{
				displayName: 'Image',
				name: 'image',
				values: [
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						options: [
							{
								name: 'Binary Field',
								value: 'binary',
								description: "A file in the item's binary data",
							},
							{ name: 'URL', value: 'url', description: 'An image the node downloads first' },
						],
						default: 'binary',
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the input binary field holding the photo',
						displayOptions: { show: { source: ['binary'] } },
					},
					{
						displayName: 'Image URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/living-room.jpg',
						displayOptions: { show: { source: ['url'] } },
					},
					{
						displayName: 'Role',
						name: 'role',
						type: 'options',
						options: [
							{
								name: 'Mask',
								value: 'mask',
								description: 'Blue (#7878CD) marks what to remove, black what to keep',
							},
							{
								name: 'Primary Angle',
								value: 'primary_angle',
								description: 'The photo to work on (one per order)',
							},
							{
								name: 'Secondary Angle',
								value: 'secondary_angle',
								description: 'A second view of the same room',
							},
						],
						default: defaultRole,
					},
				],
			},
		],
	};
}
