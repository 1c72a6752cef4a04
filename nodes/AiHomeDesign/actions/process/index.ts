import type { INodeProperties } from 'n8n-workflow';

import type { OperationOption, ResourceOperations } from '../../shared/types';
import * as create from './create.operation';
import * as get from './get.operation';
import * as runTool from './runTool.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export const operations = {
	create: create.execute,
	get: get.execute,
	runTool: runTool.execute,
	waitForCompletion: waitForCompletion.execute,
} satisfies ResourceOperations;

/** Run Tool on Image's queue time: the router paces those items with it. */
export const readRunToolQueueMs = runTool.readQueueMs;

// Run Tool on Image first: the one-node path most users want.
const options: Array<OperationOption<keyof typeof operations>> = [
	{
		name: 'Run Tool on Image',
		value: 'runTool',
		description:
			'Upload a photo, run a tool such as Virtual Staging on it, wait, and output the result image',
		action: 'Run an AI tool on a photo',
	},
	{
		name: 'Create',
		value: 'create',
		description:
			'Run a tool on photos already uploaded as an order, and optionally wait for the result',
		action: 'Start an AI tool on an uploaded order',
	},
	{
		name: 'Get',
		value: 'get',
		description: "Get a process's status and results",
		action: 'Get the status and results of a process',
	},
	{
		name: 'Wait for Completion',
		value: 'waitForCompletion',
		description: 'Wait until a process is done or failed, then output its results',
		action: 'Wait for a process to finish',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['process'] } },
		options,
		default: 'runTool',
	},
	...create.description,
	...get.description,
	...runTool.description,
	...waitForCompletion.description,
];
