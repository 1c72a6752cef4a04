import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { PROJECT_PAGE_LIMIT_MAX, projectListSchema, type Project } from '../schemas';
import { apiRequest } from '../transport';
import { hasCredential } from './credential';

/**
 * The Project field's list: the account's projects by address, most recently changed first,
 * filtered by the platform's address search, one page of 30 at a time. Without a credential yet
 * (a node just added) the list is empty instead of an error.
 */
export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	if (!hasCredential(this)) return { results: [] };
	const page = Math.max(1, Number(paginationToken) || 1);
	const search = filter?.trim();
	const { data, pagination } = await apiRequest.call(this, {
		method: 'GET',
		path: '/project',
		qs: {
			page,
			limit: PROJECT_PAGE_LIMIT_MAX,
			sort: 'modified',
			...(search ? { s: search } : {}),
		},
		schema: projectListSchema,
	});
	const totalPages = pagination?.total_pages ?? pagination?.totalPages;
	const more =
		data.length >= PROJECT_PAGE_LIMIT_MAX && (totalPages === undefined || page < totalPages);
	return {
		results: data.map((project: Project) => ({
			name: project.address || String(project.id),
			value: String(project.id),
		})),
		...(more ? { paginationToken: String(page + 1) } : {}),
	};
}
