import type { INodeProperties } from 'n8n-workflow';

import type { OperationOption, ResourceOperations } from '../../shared/types';
import * as append from './append.operation';
import * as create from './create.operation';
import * as get from './get.operation';

export const operations = {
	append: append.execute,
	create: create.execute,
	get: get.execute,
} satisfies ResourceOperations;

const options: Array<OperationOption<keyof typeof operations>> = [
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
		description: 'Get an order with its photos and the tools run on them',
		action: 'Get an order',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options,
		default: 'create',
	},
	...create.description,
	...append.description,
	...get.description,
];
