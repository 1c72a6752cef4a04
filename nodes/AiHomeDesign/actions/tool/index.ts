import type { INodeProperties } from 'n8n-workflow';

import type { OperationOption, ResourceOperations } from '../../shared/types';
import * as getAll from './getAll.operation';

export const operations = { getAll: getAll.execute } satisfies ResourceOperations;

const options: Array<OperationOption<keyof typeof operations>> = [
	{
		name: 'Get Many',
		value: 'getAll',
		description:
			"List the platform's AI tools, such as Virtual Staging, with the photos and settings each takes",
		action: 'Get many tools',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tool'] } },
		options,
		default: 'getAll',
	},
	...getAll.description,
];
