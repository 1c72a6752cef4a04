import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationResult } from '../../shared/types';
import { imagesField, optionalProjectIdField } from '../common.descriptions';
import { uploadImages } from '../images';
import { locatorValue, readImageSources, readObjectId } from '../readers';

const properties: INodeProperties[] = [imagesField('primary_angle'), optionalProjectIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	// Empty (the default): the account's default project.
	const projectId = locatorValue(this.getNodeParameter('projectId', itemIndex, ''))
		? readObjectId(this, 'projectId', itemIndex, 'Project ID')
		: undefined;
	const order = await uploadImages(this, itemIndex, readImageSources(this, itemIndex), {
		projectId,
	});
	return { items: [{ json: order as IDataObject }] };
}
