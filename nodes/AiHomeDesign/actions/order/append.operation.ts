import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationResult } from '../../shared/types';
import { imagesField, orderIdField } from '../common.descriptions';
import { uploadImages } from '../images';
import { readImageSources, readObjectId } from '../readers';

const properties: INodeProperties[] = [orderIdField, imagesField('mask')];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['append'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const orderId = readObjectId(this, 'orderId', itemIndex, 'Order ID');
	const order = await uploadImages(this, itemIndex, readImageSources(this, itemIndex), {
		orderId,
	});
	return { items: [{ json: order as IDataObject }] };
}
