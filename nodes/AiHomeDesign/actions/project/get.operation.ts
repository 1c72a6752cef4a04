import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationResult } from '../../shared/types';
import { getProject } from '../../transport';
import { projectIdField } from '../common.descriptions';
import { readObjectId } from '../readers';

const properties: INodeProperties[] = [projectIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const projectId = readObjectId(this, 'projectId', itemIndex, 'Project ID');
	const project = await getProject.call(this, projectId);
	return { items: [{ json: project as IDataObject }] };
}
