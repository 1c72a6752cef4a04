import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	createOrderResponseSchema,
	orderSchema,
	type AssetRole,
	type CreateOrderResponse,
	type Order,
} from '../../schemas';
import type { ApiContext } from '../context';
import { ambiguousOrRethrow } from '../errors';
import type { MultipartPart } from '../multipart';
import { apiRequest, executionCancelSignal } from '../request';

/**
 * An upload got no clear answer. An order has no ID to read back before the answer names it, so
 * it is never sent again: the user checks the dashboard, where a new order shows at the top.
 */
async function onceOnly<T>(
	context: ApiContext,
	upload: () => Promise<T>,
	where: string,
): Promise<T> {
	try {
		return await upload();
	} catch (caught) {
		const error = ambiguousOrRethrow(caught);
		throw new NodeApiError(context.getNode(), { ambiguous: true } as JsonObject, {
			message: `It is unknown whether AI HomeDesign stored the upload: ${error.message}`,
			description: `No clear answer came back, so the platform may have stored the photos (and counted them). They were not sent again, to avoid a duplicate order. Check ${where} in the AI HomeDesign dashboard before running this item again.`,
			httpCode: error.httpCode ?? undefined,
		});
	}
}

/** One photo to upload, with the role the platform gives it in the order. */
export interface OrderImage {
	data: Buffer;
	fileName: string;
	contentType: string;
	role: AssetRole;
}

/** The multipart parts the live API takes: one `asset_file` and one `asset_role` per photo, roles in file order. */
function orderParts(images: OrderImage[], projectId?: string): MultipartPart[] {
	const parts: MultipartPart[] = [];
	if (projectId) parts.push({ name: 'project_id', value: projectId });
	for (const image of images) {
		parts.push({
			name: 'asset_file',
			fileName: image.fileName,
			contentType: image.contentType,
			data: image.data,
		});
		parts.push({ name: 'asset_role', value: image.role });
	}
	return parts;
}

/** Uploads photos as a new order, in the project given or the account's default one. Not retried without an answer. */
export async function createOrder(
	this: IExecuteFunctions,
	images: OrderImage[],
	projectId?: string,
): Promise<CreateOrderResponse> {
	const where = projectId
		? `the latest orders of project ${projectId}`
		: "the latest orders (the account's default project)";
	const { data } = await onceOnly(
		this,
		async () =>
			await apiRequest.call(this, {
				method: 'POST',
				path: '/order',
				multipart: orderParts(images, projectId),
				schema: createOrderResponseSchema,
				subject: projectId ? `Project ${projectId}` : undefined,
				signal: executionCancelSignal(this),
			}),
		where,
	);
	return data;
}

/** Adds photos (a mask, a second angle) to an existing order. Not retried without an answer. */
export async function appendToOrder(
	this: IExecuteFunctions,
	orderId: string,
	images: OrderImage[],
): Promise<CreateOrderResponse> {
	const { data } = await onceOnly(
		this,
		async () =>
			await apiRequest.call(this, {
				method: 'POST',
				path: `/order/${orderId}/append`,
				multipart: orderParts(images),
				schema: createOrderResponseSchema,
				subject: `Order ${orderId}`,
				signal: executionCancelSignal(this),
			}),
		`the photos of order ${orderId}`,
	);
	return data;
}

export async function getOrder(this: ApiContext, orderId: string): Promise<Order> {
	const { data } = await apiRequest.call(this, {
		method: 'GET',
		path: `/order/${orderId}`,
		schema: orderSchema,
		subject: `Order ${orderId}`,
	});
	return data;
}
