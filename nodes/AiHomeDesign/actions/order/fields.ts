import type { INodeProperties } from 'n8n-workflow';

import type { AssetRole } from '../../schemas';

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
