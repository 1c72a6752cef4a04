import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationResult, ResourceOperations } from '../../helpers/types';
import { PROJECT_PAGE_LIMIT_MAX, projectListSchema, projectSchema } from '../../schemas';
import { apiRequest } from '../../transport';
import { readObjectId } from '../common.descriptions';

const show = (operation: string) => ({ show: { resource: ['project'], operation: [operation] } });

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['project'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a project for a property',
				action: 'Create a project',
			},
			{ name: 'Get', value: 'get', description: 'Get a project', action: 'Get a project' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List or search projects',
				action: 'Get many projects',
			},
		],
		default: 'create',
	},
	...updateDisplayOptions(show('create'), [
		{
			displayName: 'Address',
			name: 'address',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 123 Maple Street, Austin TX 78701',
			description: "The property's address; one project per property keeps its photos together",
		},
	]),
	...updateDisplayOptions(show('get'), [
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 69a6aa03a374700bff4a1328',
		},
	]),
	...updateDisplayOptions(show('getAll'), [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Search',
					name: 's',
					type: 'string',
					default: '',
					description: 'Only projects whose address contains this text',
				},
				{
					displayName: 'Sort',
					name: 'sort',
					type: 'options',
					options: [
						{ name: 'Newest First', value: 'desc' },
						{ name: 'Oldest First', value: 'asc' },
						{ name: 'Recently Modified', value: 'modified' },
					],
					default: 'desc',
				},
			],
		},
	]),
];

async function create(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const address = (this.getNodeParameter('address', itemIndex) as string).trim();
	const { data } = await apiRequest.call(this, {
		method: 'POST',
		path: '/project',
		body: { address },
		schema: projectSchema,
	});
	return { items: [{ json: data }] };
}

async function get(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const projectId = readObjectId(this, 'projectId', itemIndex, 'Project ID');
	const { data } = await apiRequest.call(this, {
		method: 'GET',
		path: `/project/${projectId}`,
		schema: projectSchema,
		subject: `Project ${projectId}`,
	});
	return { items: [{ json: data }] };
}

/** Walks the pages (30 per request, the API's maximum) until the limit or the last page. */
async function getAll(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const projects: IDataObject[] = [];
	for (let page = 1; projects.length < limit; page++) {
		const { data, pagination } = await apiRequest.call(this, {
			method: 'GET',
			path: '/project',
			qs: { page, limit: PROJECT_PAGE_LIMIT_MAX, ...filters },
			schema: projectListSchema,
		});
		projects.push(...data);
		const totalPages = pagination?.total_pages ?? pagination?.totalPages;
		const lastPage =
			data.length < PROJECT_PAGE_LIMIT_MAX || (totalPages !== undefined && page >= totalPages);
		if (lastPage) break;
	}
	return { items: projects.slice(0, limit).map((json) => ({ json })) };
}

export const operations: ResourceOperations = { create, get, getAll };
