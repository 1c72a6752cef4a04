import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	PROJECT_PAGE_LIMIT_MAX,
	projectListSchema,
	projectSchema,
	type Project,
} from '../../schemas';
import { apiRequest } from '../request';

export async function createProject(this: IExecuteFunctions, address: string): Promise<Project> {
	const { data } = await apiRequest.call(this, {
		method: 'POST',
		path: '/project',
		body: { address },
		schema: projectSchema,
	});
	return data;
}

export async function getProject(this: IExecuteFunctions, projectId: string): Promise<Project> {
	const { data } = await apiRequest.call(this, {
		method: 'GET',
		path: `/project/${projectId}`,
		schema: projectSchema,
		subject: `Project ${projectId}`,
	});
	return data;
}

/** Walks the pages (30 per request, the API's maximum) until `limit` projects or the last page. */
export async function listProjects(
	this: IExecuteFunctions,
	limit: number,
	filters: IDataObject,
): Promise<Project[]> {
	const projects: Project[] = [];
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
	return projects.slice(0, limit);
}
