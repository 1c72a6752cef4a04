// Mask refinement inside a real n8n, against the simulator: a photo and a mask uploaded in one order, the
// automatic AI Item Removal run on it, then AI Item Removal (Mask) sent with the group id the first answer
// carried (item-removal-then-mask.json, run with `n8n execute`).
import type { INodeExecutionData } from 'n8n-workflow';

import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { FILES, getPackedTarball, loadWorkflow, simulatorCredential, startN8n } from './harness';
import type { Execution, N8nInstance } from './harness';

const OBJECT_ID = /^[0-9a-f]{24}$/;
const workflow = loadWorkflow(FILES.maskRefinement);

function output(execution: Execution, node: string): INodeExecutionData | undefined {
	return execution.data?.resultData.runData[node]?.[0]?.data?.main[0]?.[0];
}

describe('automatic item removal, then mask refinement, in a real n8n', () => {
	let sim: RunningSimulator;
	let n8n: N8nInstance;

	beforeAll(async () => {
		sim = await startSimulator({ platformOptions: { processDurationMs: 4000 } });
		n8n = await startN8n({
			tarball: getPackedTarball(),
			workflows: [workflow],
			credentials: [simulatorCredential(sim.apiBaseUrl)],
			publishVia: 'api',
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	it('hands the first pass’s process_group_id to the mask process, which joins that group and ends done', async () => {
		await n8n.runCli(['execute', `--id=${workflow.id}`, '--rawOutput'], { allowFailure: true });
		const [execution] = await n8n.waitForExecutions({
			workflowId: workflow.id,
			count: 1,
			timeoutMs: 60000,
		});
		expect(execution.data?.resultData.error).toBeUndefined();
		expect(execution.status).toBe('success');
		expect(execution.data?.resultData.runData['Fail: no refined result']).toBeUndefined();

		const automatic = output(execution, 'Remove items automatically')!.json;
		const groupId = automatic.process_group_id as string;
		expect(groupId).toMatch(OBJECT_ID);
		expect(groupId).not.toBe(automatic.process_id);
		expect(groupId).not.toBe(automatic.order_id);

		const refined = output(execution, 'Refine with the mask')!;
		expect(refined.json).toMatchObject({
			status: 'done',
			tool: 'tool-item-removal-mask',
			order_id: automatic.order_id,
			process_group_id: groupId,
		});
		expect(refined.binary?.refined?.mimeType).toMatch(/^image\//);

		// What the platform received: the mask process on the same order, in the same group, with both inputs.
		const processes = sim.platform.processes();
		const mask = processes.find((p) => p.id === refined.json.process_id)!;
		expect(mask).toMatchObject({ order_id: automatic.order_id, process_group_id: groupId });
		const order = sim.platform.orders().find((o) => o.id === automatic.order_id)!;
		expect(Object.values(mask.asset_map).sort()).toEqual(order.assets.map((a) => a.id).sort());
		expect(order.assets.map((a) => a.role).sort()).toEqual(['mask', 'primary_angle']);
		expect(
			processes
				.filter((p) => p.process_group_id === groupId)
				.map((p) => p.id)
				.sort(),
		).toEqual([automatic.process_id as string, mask.id].sort());
	});
});
