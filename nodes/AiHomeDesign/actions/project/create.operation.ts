import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationResult } from '../../shared/types';
import { createProject } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123 Maple Street, Austin TX 78701',
		description: "The property's address; one project per property keeps its photos together",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const address = (this.getNodeParameter('address', itemIndex) as string).trim();
	const project = await createProject.call(this, address);
	return { items: [{ json: project as IDataObject }] };
}
