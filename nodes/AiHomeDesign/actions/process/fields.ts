import type { INodeProperties } from 'n8n-workflow';

export const processIdField: INodeProperties = {
	displayName: 'Process ID',
	name: 'processId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 69a6bb11a374700bff4a1333',
	description: 'The ID of the process, as returned by Create or by the AI HomeDesign Trigger',
};
