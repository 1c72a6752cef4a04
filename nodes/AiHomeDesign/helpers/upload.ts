import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createOrderResponseSchema, type AssetRole, type CreateOrderResponse } from '../schemas';
import { apiRequest, downloadFile, type MultipartPart } from '../transport';

export interface ImageSource {
	source: 'binary' | 'url';
	binaryPropertyName?: string;
	url?: string;
	role: AssetRole;
}

interface ImageFile {
	data: Buffer;
	fileName: string;
	contentType: string;
}

const ACCEPTED = /^image\/|^application\/octet-stream$/;

/** Reads one input photo from the item's binary data or from a URL. */
export async function readImage(
	context: IExecuteFunctions,
	itemIndex: number,
	image: ImageSource,
): Promise<ImageFile> {
	if (image.source === 'url') {
		const url = String(image.url ?? '').trim();
		const download = await downloadFile.call(context, url, { userGiven: true });
		const data = Buffer.isBuffer(download.body)
			? download.body
			: await context.helpers.binaryToBuffer(download.body as never);
		const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'photo.jpg');
		return { data, fileName: name, contentType: download.contentType ?? 'image/jpeg' };
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
	};
}

/** The multipart parts the live API takes: one `asset_file` and one `asset_role` per photo, roles in file order. */
export function orderParts(
	files: Array<ImageFile & { role: AssetRole }>,
	projectId?: string,
): MultipartPart[] {
	const parts: MultipartPart[] = [];
	if (projectId) parts.push({ name: 'project_id', value: projectId });
	for (const file of files) {
		parts.push({
			name: 'asset_file',
			fileName: file.fileName,
			contentType: file.contentType,
			data: file.data,
		});
		parts.push({ name: 'asset_role', value: file.role });
	}
	return parts;
}

/** Uploads photos as a new order (`orderId` absent) or appends them to one. Not retried without an answer. */
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
	const files = [];
	for (const image of images)
		files.push({ ...(await readImage(context, itemIndex, image)), role: image.role });
	const { data } = await apiRequest.call(context, {
		method: 'POST',
		path: target.orderId ? `/order/${target.orderId}/append` : '/order',
		multipart: orderParts(files, target.orderId ? undefined : target.projectId),
		schema: createOrderResponseSchema,
		subject: target.orderId
			? `Order ${target.orderId}`
			: target.projectId
				? `Project ${target.projectId}`
				: undefined,
	});
	return data;
}
