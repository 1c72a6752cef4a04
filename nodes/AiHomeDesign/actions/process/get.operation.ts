import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItem } from '../../helpers/finishWait';
import { getProcess } from '../../helpers/processApi';
import { summarizeProcess } from '../../helpers/processOutput';
import type { OperationResult } from '../../helpers/types';
import { readObjectId, readResultFiles, resultFilesFields } from '../common.descriptions';
import { processIdField } from './fields';

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
	const { files, binaryPrefix } = readResultFiles(this, itemIndex);
	const snapshot = await getProcess.call(this, processId);
	const item = await processItem(
		this,
		summarizeProcess(processId, snapshot),
		files,
		binaryPrefix,
		this.getExecutionCancelSignal?.(),
	);
	return { items: [item] };
}
