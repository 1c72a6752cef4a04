import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toOutputItem } from '../../output/item';
import { summarizeProcess } from '../../output/summary';
import type { OperationResult } from '../../shared/types';
import { getProcess } from '../../transport';
import { processIdField, resultFilesFields } from '../common.descriptions';
import { readObjectId, readResultFiles } from '../readers';

const properties: INodeProperties[] = [processIdField, ...resultFilesFields];

export const description = updateDisplayOptions(
	{ show: { resource: ['process'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const processId = readObjectId(this, 'processId', itemIndex, 'Process ID');
	const { files, binaryPrefix, size } = readResultFiles(this, itemIndex);
	const snapshot = await getProcess.call(this, processId, { size });
	const item = await toOutputItem(
		this,
		summarizeProcess(processId, snapshot),
		files,
		binaryPrefix,
		this.getExecutionCancelSignal?.(),
	);
	return { items: [item] };
}
