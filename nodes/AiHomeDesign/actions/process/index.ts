import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../../helpers/types';
import * as create from './create.operation';
import * as get from './get.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export const operations: ResourceOperations = {
	create: create.execute,
	get: get.execute,
	waitForCompletion: waitForCompletion.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['process'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Run a tool on an uploaded order, and optionally wait for the result',
				action: 'Create a process',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get a process's status and results",
				action: 'Get a process',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				description: 'Wait until a process is done or failed, then output its results',
				action: 'Wait for a process to complete',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...waitForCompletion.description,
];
