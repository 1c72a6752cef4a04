import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AssetRole, CreateOrderResponse } from '../schemas';
import { appendToOrder, createOrder, downloadFile, type OrderImage } from '../transport';

/** One photo as the user points at it: a binary field of the item, or a URL. */
export interface ImageSource {
	source: 'binary' | 'url';
	binaryPropertyName?: string;
	url?: string;
	role: AssetRole;
}

const ACCEPTED = /^image\/|^application\/octet-stream$/;

/** Reads one input photo from the item's binary data or from a URL. */
async function readImage(
	context: IExecuteFunctions,
	itemIndex: number,
	image: ImageSource,
): Promise<OrderImage> {
	if (image.source === 'url') {
		const url = String(image.url ?? '').trim();
		const download = await downloadFile.call(context, url, { userGiven: true });
		const data = Buffer.isBuffer(download.body)
			? download.body
			: await context.helpers.binaryToBuffer(download.body as never);
		const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'photo.jpg');
		return {
			data,
			fileName: name,
			contentType: download.contentType ?? 'image/jpeg',
			role: image.role,
		};
	}
	const property = image.binaryPropertyName || 'data';
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	if (binary.mimeType && !ACCEPTED.test(binary.mimeType)) {
		throw new NodeOperationError(
			context.getNode(),
			`The file in "${property}" is ${binary.mimeType}, not an image`,
			{
				itemIndex,
				description: 'AI HomeDesign takes JPG, PNG, WEBP and RAW photos.',
			},
		);
	}
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	return {
		data,
		fileName: binary.fileName || `photo.${binary.fileExtension || 'jpg'}`,
		contentType: binary.mimeType || 'image/jpeg',
		role: image.role,
	};
}

/** Uploads photos as a new order (`orderId` absent) or appends them to one. */
export async function uploadImages(
	context: IExecuteFunctions,
	itemIndex: number,
	images: ImageSource[],
	target: { projectId?: string; orderId?: string },
): Promise<CreateOrderResponse> {
	if (!target.orderId) {
		const primaries = images.filter((image) => image.role === 'primary_angle').length;
		if (primaries !== 1) {
			throw new NodeOperationError(
				context.getNode(),
				`An order needs exactly one photo with the role Primary Angle, got ${primaries}`,
				{ itemIndex },
			);
		}
	}
	const files: OrderImage[] = [];
	for (const image of images) files.push(await readImage(context, itemIndex, image));
	return target.orderId
		? await appendToOrder.call(context, target.orderId, files)
		: await createOrder.call(context, files, target.projectId);
}
