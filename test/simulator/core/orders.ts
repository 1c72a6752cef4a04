/** Orders, the uploaded input photos: create (multipart), append, get with their processes. */
import { isObjectId } from '../../support/ids';
import { badRequest, notFound, ok } from './answers';
import type { Ctx, Handler } from './context';
import { processBody } from './process-state';
import { touchProject } from './projects';
import type { AssetRole } from './spec/uploads';
import type { SimAsset, SimOrder, SimRequest, SimResponse } from './types';
import { readUpload, storeAssets, type Upload } from './uploads';
import { inputSrc, sized } from './urls';

function assetBody(ctx: Ctx, asset: SimAsset, req: SimRequest) {
	return { id: asset.id, role: asset.role, src: sized(inputSrc(ctx, asset), req) };
}

function checkRoles(roles: AssetRole[], primaryExactlyOne: boolean): SimResponse | undefined {
	const primaries = roles.filter((r) => r === 'primary_angle').length;
	if (primaryExactlyOne && primaries !== 1)
		return badRequest(`An order needs exactly one primary_angle asset; got ${primaries}`);
	if (!primaryExactlyOne && primaries > 1)
		return badRequest('The order already has its primary_angle asset');
	if (roles.filter((r) => r === 'secondary_angle').length > 1)
		return badRequest('An order takes at most one secondary_angle asset');
	return undefined;
}

/** Stores the upload, or nothing when the `orderWithoutAssets` fault says the plan is out of credits. */
function store(ctx: Ctx, req: SimRequest, order: SimOrder, upload: Upload, roles: AssetRole[]) {
	const assets = ctx.takeFault('orderWithoutAssets', req)
		? []
		: storeAssets(ctx, order, upload.files, roles);
	touchProject(ctx, order.project_id);
	return ok(ctx, 201, {
		order_id: order.id,
		assets: assets.map((a) => assetBody(ctx, a, req)),
	});
}

export const createOrder: Handler = (ctx, req) => {
	const upload = readUpload(req);
	if ('status' in upload) return upload;
	const projectField = upload.fields
		.find((f) => f.name === 'project_id')
		?.data.toString('utf8')
		.trim();
	let projectId = [...ctx.state.projects.values()].find((p) => p.default)!.id;
	if (projectField) {
		if (!isObjectId(projectField))
			return badRequest('project_id must be a 24-character hexadecimal ID');
		if (!ctx.state.projects.has(projectField)) return notFound('Project');
		projectId = projectField;
	}
	const roles = upload.files.map((_f, i) => (upload.roles[i] ?? 'primary_angle') as AssetRole);
	const refused = checkRoles(roles, true);
	if (refused) return refused;
	const order: SimOrder = {
		id: ctx.newId(),
		project_id: projectId,
		createdAt: ctx.now,
		assets: [],
		process_ids: [],
	};
	ctx.state.orders.set(order.id, order);
	return store(ctx, req, order, upload, roles);
};

/** The request format is unverified (the docs name the endpoint only): the same parts, role default `mask`. */
export const appendToOrder: Handler = (ctx, req, { id }) => {
	const order = ctx.state.orders.get(id);
	if (!order) return notFound('Order');
	const upload = readUpload(req);
	if ('status' in upload) return upload;
	const roles = upload.files.map((_f, i) => (upload.roles[i] ?? 'mask') as AssetRole);
	const refused = checkRoles([...order.assets.map((a) => a.role), ...roles], false);
	if (refused) return refused;
	return store(ctx, req, order, upload, roles);
};

export const getOrder: Handler = (ctx, req, { id }) => {
	const order = ctx.state.orders.get(id);
	if (!order) return notFound('Order');
	return ok(ctx, 200, {
		id: order.id,
		order_id: order.id,
		project_id: order.project_id,
		created_at: new Date(order.createdAt).toISOString(),
		assets: order.assets.map((a) => ({
			...assetBody(ctx, a, req),
			created_at: new Date(a.createdAt).toISOString(),
		})),
		processes: order.process_ids.map((pid) => processBody(ctx, ctx.state.processes.get(pid)!, req)),
	});
};
