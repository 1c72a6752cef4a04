import type { IExecuteFunctions } from 'n8n-workflow';

import {
	createOrderResponseSchema,
	orderSchema,
	type AssetRole,
	type CreateOrderResponse,
	type Order,
} from '../../schemas';
import type { MultipartPart } from '../multipart';
import { apiRequest } from '../request';

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
	const { data } = await apiRequest.call(this, {
		method: 'POST',
		path: '/order',
		multipart: orderParts(images, projectId),
		schema: createOrderResponseSchema,
		subject: projectId ? `Project ${projectId}` : undefined,
	});
	return data;
}

/** Adds photos (a mask, a second angle) to an existing order. Not retried without an answer. */
export async function appendToOrder(
	this: IExecuteFunctions,
	orderId: string,
	images: OrderImage[],
): Promise<CreateOrderResponse> {
	const { data } = await apiRequest.call(this, {
		method: 'POST',
		path: `/order/${orderId}/append`,
		multipart: orderParts(images),
		schema: createOrderResponseSchema,
		subject: `Order ${orderId}`,
	});
	return data;
}

export async function getOrder(this: IExecuteFunctions, orderId: string): Promise<Order> {
	const { data } = await apiRequest.call(this, {
		method: 'GET',
		path: `/order/${orderId}`,
		schema: orderSchema,
		subject: `Order ${orderId}`,
	});
	return data;
}
