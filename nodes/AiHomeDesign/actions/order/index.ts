import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationResult, ResourceOperations } from '../../helpers/types';
import { uploadImages, type ImageSource } from '../../helpers/upload';
import { orderSchema } from '../../schemas';
import { apiRequest } from '../../transport';
import { readObjectId } from '../common.descriptions';
import { imagesField } from './fields';

const show = (operation: string) => ({ show: { resource: ['order'], operation: [operation] } });

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Append Image',
				value: 'append',
				description: 'Add an image, such as a mask, to an existing order',
				action: 'Append an image to an order',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Upload photos as a new order',
				action: 'Create an order',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an order with its images and processes',
				action: 'Get an order',
			},
		],
		default: 'create',
	},
	...updateDisplayOptions(show('create'), [
		{ ...imagesField('primary_angle') },
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 69a6aa03a374700bff4a1328',
			description: "The property's project. Empty: the account's default project.",
		},
	]),
	...updateDisplayOptions(show('append'), [
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 6878b6d52ecd619eab1f886d',
		},
		{ ...imagesField('mask') },
	]),
	...updateDisplayOptions(show('get'), [
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 6878b6d52ecd619eab1f886d',
		},
	]),
];

function readImages(context: IExecuteFunctions, itemIndex: number): ImageSource[] {
	return context.getNodeParameter('images.image', itemIndex, []) as ImageSource[];
}

async function create(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const projectId =
		String(this.getNodeParameter('projectId', itemIndex, '') ?? '').trim() || undefined;
	if (projectId) readObjectId(this, 'projectId', itemIndex, 'Project ID');
	const order = await uploadImages(this, itemIndex, readImages(this, itemIndex), { projectId });
	return { items: [{ json: order as IDataObject }] };
}

async function append(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const orderId = readObjectId(this, 'orderId', itemIndex, 'Order ID');
	const order = await uploadImages(this, itemIndex, readImages(this, itemIndex), { orderId });
	return { items: [{ json: order as IDataObject }] };
}

async function get(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const orderId = readObjectId(this, 'orderId', itemIndex, 'Order ID');
	const { data } = await apiRequest.call(this, {
		method: 'GET',
		path: `/order/${orderId}`,
		schema: orderSchema,
		subject: `Order ${orderId}`,
	});
	return { items: [{ json: data }] };
}

export const operations: ResourceOperations = { append, create, get };
