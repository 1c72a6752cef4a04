import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationResult } from '../../shared/types';
import { processIdField, resultFilesFields, waitOptionsField } from '../common.descriptions';
import { readObjectId, readResultFiles, readWaitSettings } from '../readers';

const properties: INodeProperties[] = [processIdField, waitOptionsField, ...resultFilesFields];

export const description = updateDisplayOptions(
	{ show: { resource: ['process'], operation: ['waitForCompletion'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const processId = readObjectId(this, 'processId', itemIndex, 'Process ID');
	return {
		wait: {
			processId,
			settings: readWaitSettings(this, itemIndex),
			known: {},
			...readResultFiles(this, itemIndex),
		},
	};
}
