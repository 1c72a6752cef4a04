/** Projects, one per property: create, get, list (page, limit ≤ 30, sort asc|desc|modified, s). */
import { badRequest, jsonBody, notFound, ok } from './answers';
import type { Ctx, Handler } from './context';
import { statusOf } from './process-state';
import type { SimProject, SimRequest } from './types';
import { inputSrc, sized } from './urls';

export function addProject(
	ctx: Pick<Ctx, 'state' | 'newId'>,
	address: string,
	now: number,
	isDefault = false,
) {
	const project: SimProject = {
		id: ctx.newId(),
		seq: ctx.state.projectSeq++,
		address,
		default: isDefault,
		createdAt: now,
		updatedAt: now,
	};
	ctx.state.projects.set(project.id, project);
	return project;
}

export function touchProject(ctx: Ctx, projectId: string) {
	const project = ctx.state.projects.get(projectId);
	if (project) project.updatedAt = ctx.now;
}

/** The docs' answer: `cover_src` "" when there is no photo yet, `updated_at` a date ("2025-07-05"). */
function projectBody(ctx: Ctx, project: SimProject, req: SimRequest) {
	const orders = [...ctx.state.orders.values()].filter((o) => o.project_id === project.id);
	const inputs = orders.flatMap((o) => o.assets);
	const results = orders
		.flatMap((o) => o.process_ids.map((id) => ctx.state.processes.get(id)!))
		.filter((p) => statusOf(p, ctx.now) === 'done')
		.reduce((n, p) => n + p.resultIds.length, 0);
	return {
		id: project.id,
		address: project.address,
		cover_src: inputs.length ? sized(inputSrc(ctx, inputs[0]), req) : '',
		input_count: inputs.length,
		result_count: results,
		bookmarked_count: 0,
		default: project.default,
		updated_at: new Date(project.updatedAt).toISOString().slice(0, 10),
	};
}

export const createProject: Handler = (ctx, req) => {
	const body = jsonBody(req.headers, req.body);
	if (body === null || typeof body !== 'object')
		return badRequest('Request body must be a JSON object');
	const address = (body as { address?: unknown }).address;
	if (typeof address !== 'string' || !address.trim()) return badRequest('address is required');
	return ok(ctx, 201, projectBody(ctx, addProject(ctx, address.trim(), ctx.now), req));
};

export const getProject: Handler = (ctx, req, { id }) => {
	const project = ctx.state.projects.get(id);
	return project ? ok(ctx, 200, projectBody(ctx, project, req)) : notFound('Project');
};

export const listProjects: Handler = (ctx, req) => {
	const int = (value: string | undefined, fallback: number) =>
		value === undefined || value === '' ? fallback : /^\d+$/.test(value) ? Number(value) : NaN;
	const page = int(req.query.page, 1);
	const limit = int(req.query.limit, 10);
	const sort = req.query.sort || 'desc';
	if (!(page >= 1)) return badRequest('page must be a positive integer');
	if (!(limit >= 1 && limit <= 30)) return badRequest('limit must be between 1 and 30');
	if (!['asc', 'desc', 'modified'].includes(sort))
		return badRequest('sort must be one of asc, desc, modified');
	const search = (req.query.s ?? '').trim().toLowerCase();
	let list = [...ctx.state.projects.values()].filter(
		(p) => !search || p.address.toLowerCase().includes(search),
	);
	list.sort((a, b) =>
		sort === 'asc'
			? a.createdAt - b.createdAt || a.seq - b.seq
			: sort === 'desc'
				? b.createdAt - a.createdAt || b.seq - a.seq
				: b.updatedAt - a.updatedAt || b.seq - a.seq,
	);
	const total = list.length;
	list = list.slice((page - 1) * limit, page * limit);
	return ok(
		ctx,
		200,
		list.map((p) => projectBody(ctx, p, req)),
		{ pagination: { page, limit, total, total_pages: Math.ceil(total / limit) } },
	);
};
