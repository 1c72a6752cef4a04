import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationResult } from '../../shared/types';
import { getOrder } from '../../transport';
import { orderIdField } from '../common.descriptions';
import { readObjectId } from '../readers';
import { simplifyOrder } from './simplify';

/** The node version from which Order → Get simplifies by default. */
const SIMPLIFY_SINCE = 1.1;

const properties: INodeProperties[] = [
	orderIdField,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return a simplified version of the response instead of the raw data: the order, its images (ID and role) and each process (ID, tool, status, result URLs)',
		// Workflows saved with version 1 keep getting the raw order they were built on.
		displayOptions: { show: { '@version': [{ _cnd: { gte: SIMPLIFY_SINCE } }] } },
	},
];

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
	const simplify =
		this.getNode().typeVersion >= SIMPLIFY_SINCE &&
		(this.getNodeParameter('simplify', itemIndex, true) as boolean);
	return { items: [{ json: simplify ? simplifyOrder(order) : (order as IDataObject) }] };
}
