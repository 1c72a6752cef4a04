/** Processes, one AI job (one tool on one order): create, and poll its status. */
import { badRequest, jsonBody, notFound, ok, text } from './answers';
import { isToolActive } from './catalog';
import type { Ctx, Handler } from './context';
import { checkPoll, takeGeneration } from './limits';
import { checkFit, parseProcessRequest, type ProcessRequest } from './process-request';
import { processBody } from './process-state';
import { touchProject } from './projects';
import { simTool, type SimTool } from './spec/tools';
import type { SimOrder, SimProcess, ToolRun } from './types';

/** Tools that create a group answer with one: the group sent back (a refinement), or a new one. */
function joinGroup(ctx: Ctx, tool: SimTool, order: SimOrder, process: SimProcess, sent?: string) {
	let group = sent ? ctx.state.groups.get(sent) : undefined;
	if (!group && tool.createsGroup) {
		group = { id: ctx.newId(), order_id: order.id, process_ids: [] };
		ctx.state.groups.set(group.id, group);
	}
	if (!group) return undefined;
	group.process_ids.push(process.id);
	process.process_group_id = group.id;
	return group.id;
}

function newProcess(ctx: Ctx, tool: SimTool, order: SimOrder, body: ProcessRequest): SimProcess {
	const run: ToolRun = { tool: tool.slug, index: ctx.state.processSeq++ };
	const { processDurationMs: duration, resultsPerProcess: results, outcome } = ctx.opts;
	const count = Math.max(
		0,
		Math.floor(typeof results === 'function' ? results(run) : (results ?? 1)),
	);
	return {
		id: ctx.newId(),
		index: run.index,
		tool: tool.slug,
		order_id: order.id,
		asset_map: { ...body.asset_map },
		widgets: body.widgets,
		createdAt: ctx.now,
		durationMs: Math.max(0, typeof duration === 'function' ? duration(run) : (duration ?? 12000)),
		outcome: outcome ? outcome(run) : 'done',
		resultIds: Array.from({ length: count }, () => ctx.newId()),
		pollTimes: [],
		acceptedPollTimes: [],
	};
}

export const createProcess: Handler = (ctx, req) => {
	const raw = jsonBody(req.headers, req.body);
	if (raw === undefined) return badRequest('Request body must be JSON');
	const body = parseProcessRequest(raw);
	if ('status' in body) return body;
	const tool = simTool(body.tool);
	// What the MCP's catalog code says the live API answers for an unknown or disabled slug.
	if (!tool || !isToolActive(ctx.opts.inactiveTools, tool.slug))
		return text(500, 'tool repository: tool not found');
	const order = ctx.state.orders.get(body.order_id);
	if (!order) return notFound('Order');
	const refused = checkFit(ctx, tool, order, body) ?? takeGeneration(ctx);
	if (refused) return refused;

	const process = newProcess(ctx, tool, order, body);
	ctx.state.processes.set(process.id, process);
	order.process_ids.push(process.id);
	for (const id of process.resultIds) ctx.state.resultOwner.set(id, process);
	touchProject(ctx, order.project_id);
	const groupId = joinGroup(ctx, tool, order, process, body.process_group_id);
	return ok(ctx, 201, {
		process_ids: [process.id],
		...(groupId ? { process_group_id: groupId } : {}),
	});
};

export const getProcess: Handler = (ctx, req, { id }) => {
	const process = ctx.state.processes.get(id);
	if (!process) return notFound('Process');
	return checkPoll(ctx, process) ?? ok(ctx, 200, processBody(ctx, process, req));
};
