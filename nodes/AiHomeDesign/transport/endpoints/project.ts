import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

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

/** One page of projects (30, the API's maximum); `filters` are the list's query options (`s`, `sort`). */
export async function getProjectPage(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	page: number,
	filters: IDataObject,
) {
	return await apiRequest.call(this, {
		method: 'GET',
		path: '/project',
		qs: { page, limit: PROJECT_PAGE_LIMIT_MAX, ...filters },
		schema: projectListSchema,
	});
}

/** Whether a page of the project list is the last one (short, or at the total the API gave). */
export function isLastProjectPage(
	size: number,
	page: number,
	pagination?: { total_pages?: number; totalPages?: number },
): boolean {
	const totalPages = pagination?.total_pages ?? pagination?.totalPages;
	return size < PROJECT_PAGE_LIMIT_MAX || (totalPages !== undefined && page >= totalPages);
}

/** Pages Return All reads at most (3,000 projects): a server that never ends its list cannot keep the node busy. */
export const MAX_PROJECT_PAGES = 100;

/**
 * Walks the pages (30 per request, the API's maximum) until `limit` projects, the last page, a
 * page that repeats one already read (a server ignoring `page`), or `MAX_PROJECT_PAGES`.
 * A project listed twice (the list shifted while it was read) is output once.
 */
export async function listProjects(
	this: IExecuteFunctions,
	limit: number,
	filters: IDataObject,
): Promise<Project[]> {
	const projects: Project[] = [];
	const seen = new Set<string>();
	const pagesSeen = new Set<string>();
	for (let page = 1; projects.length < limit; page++) {
		if (page > MAX_PROJECT_PAGES) {
			this.logger?.warn(
				`AI HomeDesign: Project → Get Many stopped after ${MAX_PROJECT_PAGES} pages (${projects.length} projects); use a search filter to narrow the list`,
			);
			break;
		}
		const { data, pagination } = await getProjectPage.call(this, page, filters);
		const signature = data.map((project: Project) => String(project.id)).join(',');
		if (data.length > 0 && pagesSeen.has(signature)) break;
		pagesSeen.add(signature);
		for (const project of data) {
			const id = String(project.id);
			if (seen.has(id)) continue;
			seen.add(id);
			projects.push(project);
		}
		if (isLastProjectPage(data.length, page, pagination)) break;
	}
	return projects.slice(0, limit);
}
