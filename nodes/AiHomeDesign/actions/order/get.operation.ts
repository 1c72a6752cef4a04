import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationResult } from '../../shared/types';
import { getOrder } from '../../transport';
import { orderIdField } from '../common.descriptions';
import { readObjectId } from '../readers';

const properties: INodeProperties[] = [orderIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const orderId = readObjectId(this, 'orderId', itemIndex, 'Order ID');
	const order = await getOrder.call(this, orderId);
	return { items: [{ json: order as IDataObject }] };
}
