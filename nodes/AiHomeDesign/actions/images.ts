import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AssetRole, CreateOrderResponse } from '../schemas';
import { appendToOrder, createOrder, downloadToBuffer, type OrderImage } from '../transport';

/** One photo as the user points at it: a binary field of the item, or a URL. */
export interface ImageSource {
	source: 'binary' | 'url';
	binaryPropertyName?: string;
	url?: string;
	role: AssetRole;
}

const ACCEPTED = /^image\/|^application\/octet-stream$/;

/** The photo types the platform takes (JPG, PNG, WEBP, RAW), told by their first bytes. */
export function sniffImageType(
	data: Buffer,
): { contentType: string; extension: string } | undefined {
	const starts = (bytes: number[], at = 0) => bytes.every((b, i) => data[at + i] === b);
	const ascii = (text: string, at = 0) =>
		data.subarray(at, at + text.length).toString('latin1') === text;
	if (starts([0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', extension: 'jpg' };
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
		return { contentType: 'image/png', extension: 'png' };
	}
	if (ascii('RIFF') && ascii('WEBP', 8)) return { contentType: 'image/webp', extension: 'webp' };
	// RAW: TIFF-based (DNG, CR2, NEF, ARW; ORF and RW2 variants), Canon CR3, Fujifilm RAF.
	if (
		ascii('II*\u0000') ||
		ascii('MM\u0000*') ||
		ascii('IIRO') ||
		ascii('IIRS') ||
		ascii('IIU\u0000')
	) {
		return { contentType: 'image/tiff', extension: 'tif' };
	}
	if (ascii('ftypcrx', 4)) return { contentType: 'image/x-canon-cr3', extension: 'cr3' };
	if (ascii('FUJIFILMCCD-RAW')) return { contentType: 'image/x-fuji-raf', extension: 'raf' };
	return undefined;
}

/** The last segment of a URL's path, decoded where it can be, without path or control characters. */
function fileNameFromUrl(url: string, extension: string): string {
	const last = new URL(url).pathname.split('/').pop() ?? '';
	let name: string;
	try {
		name = decodeURIComponent(last);
	} catch {
		name = last;
	}
	name = name
		.split(/[\\/]/)
		.pop()!
		.split('')
		.filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127)
		.join('')
		.replace(/^\.+/, '')
		.slice(0, 120)
		.trim();
	if (!name) return `photo.${extension}`;
	return /\.[a-z0-9]{2,5}$/i.test(name) ? name : `${name}.${extension}`;
}

/** Reads one input photo from the item's binary data or from a URL. */
async function readImage(
	context: IExecuteFunctions,
	itemIndex: number,
	image: ImageSource,
): Promise<OrderImage> {
	if (image.source === 'url') {
		const url = String(image.url ?? '').trim();
		// At most 50 MB (the platform's limit), counted while it streams in, after decompression.
		const download = await downloadToBuffer.call(context, url, { userGiven: true });
		const host = new URL(download.url).host;
		if (download.body.length === 0) {
			throw new NodeOperationError(context.getNode(), `The image host ${host} sent an empty file`, {
				itemIndex,
				description:
					'Check that the photo URL opens the photo itself in a browser, then run again.',
			});
		}
		const type = sniffImageType(download.body);
		if (!type) {
			throw new NodeOperationError(
				context.getNode(),
				`The file from ${host} is not a JPG, PNG, WEBP or RAW photo`,
				{
					itemIndex,
					description: `It says it is ${download.contentType ?? 'of no stated type'}, but its content is not a photo (a login or error page, for example). Use a direct link to the photo file.`,
				},
			);
		}
		const raw = !['image/jpeg', 'image/png', 'image/webp'].includes(type.contentType);
		const declared = download.contentType?.startsWith('image/') ? download.contentType : undefined;
		return {
			data: download.body,
			fileName: fileNameFromUrl(url, type.extension),
			// RAW files keep the type their host declared (there is no one standard type for them).
			contentType: raw ? (declared ?? 'application/octet-stream') : type.contentType,
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
	const order = target.orderId
		? await appendToOrder.call(context, target.orderId, files)
		: await createOrder.call(context, files, target.projectId);
	if (order.assets.length < files.length)
		throw noAssetsError(context, itemIndex, order, files.length);
	return order;
}

/** The upload was answered, but with fewer stored photos than sent: the platform does this when the plan has no credits left. */
function noAssetsError(
	context: IExecuteFunctions,
	itemIndex: number,
	order: CreateOrderResponse,
	sent: number,
): NodeOperationError {
	const stored = order.assets.length;
	return new NodeOperationError(
		context.getNode(),
		stored === 0
			? `AI HomeDesign stored none of the ${sent} photo(s) of order ${order.order_id}`
			: `AI HomeDesign stored only ${stored} of the ${sent} photos of order ${order.order_id}`,
		{
			itemIndex,
			description:
				"The upload was answered without the photos' asset IDs, which happens when the plan has no active credits. Check the plan and its credits in the AI HomeDesign dashboard, then run this item again.",
		},
	);
}
