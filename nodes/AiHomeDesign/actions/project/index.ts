import type { INodeProperties } from 'n8n-workflow';

import type { OperationOption, ResourceOperations } from '../../shared/types';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = {
	create: create.execute,
	get: get.execute,
	getAll: getAll.execute,
} satisfies ResourceOperations;

const options: Array<OperationOption<keyof typeof operations>> = [
	{
		name: 'Create',
		value: 'create',
		description: "Create a project for a property, named by the property's address",
		action: 'Create a project',
	},
	{
		name: 'Get',
		value: 'get',
		description: "Get a property's project",
		action: 'Get a project',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		description: 'List the projects, or search them by address',
		action: 'Get many projects',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['project'] } },
		options,
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
];
