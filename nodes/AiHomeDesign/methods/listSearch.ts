import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { Project } from '../schemas';
import { getProjectPage, isLastProjectPage } from '../transport';
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
	const { data, pagination } = await getProjectPage.call(this, page, {
		sort: 'modified',
		...(search ? { s: search } : {}),
	});
	const more = !isLastProjectPage(data.length, page, pagination);
	return {
		results: data.map((project: Project) => ({
			name: project.address || String(project.id),
			value: String(project.id),
		})),
		...(more ? { paginationToken: String(page + 1) } : {}),
	};
}
