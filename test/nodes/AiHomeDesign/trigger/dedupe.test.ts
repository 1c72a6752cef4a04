import type { IDataObject } from 'n8n-workflow';

import { AiHomeDesignTrigger } from '../../../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import { clock } from '../../../../nodes/AiHomeDesign/shared/clock';
import { DEDUPE_LIMITS, STATIC_DATA_KEY } from '../../../../nodes/AiHomeDesign/trigger/dedupe';
import {
	completedBody,
	PROCESS_ID,
	ProcessedDataStore,
	ranWorkflow,
	runExecution,
	StaticDataStore,
	type TriggerSetup,
} from '../../../support/trigger';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';
import { currentWorkflowId, deliver, restartN8n, webhookContext } from './n8nProcess';

let time: VirtualClock;
let store: StaticDataStore;
/** n8n's database, which outlives the process (restartN8n). */
let db: ProcessedDataStore;

beforeEach(() => {
	restartN8n();
	time = useVirtualClock();
	store = new StaticDataStore();
	db = new ProcessedDataStore();
});
afterEach(() => jest.restoreAllMocks());

const idFor = (n: number) =>
	(0x69a6bb11a374700bff400000n + BigInt(n)).toString(16).padStart(24, '0');
const send = async (setup: TriggerSetup, body: IDataObject = completedBody()) =>
	await deliver({ store, ...setup }, { body });
const started = (outcome: Awaited<ReturnType<typeof send>>) =>
	outcome.result.workflowData !== undefined;
/** Another workflow in the same n8n process as the test's own. */
const otherWorkflow = (name: string | number) => `${currentWorkflowId()}-${name}`;

describe('repeated deliveries', () => {
	it('the same completion sent again starts nothing and gets 200, so the platform stops retrying', async () => {
		expect(started(await send({}))).toBe(true);
		const again = await send({});
		expect(started(again)).toBe(false);
		expect(again.status).toBe(200);
		expect(again.result.noWebhookResponse).toBeUndefined();
		expect(again.body).toEqual({
			received: true,
			started: false,
			reason: expect.stringContaining('duplicate'),
		});
	});

	it('is recognised from memory; webhook() neither reads nor writes static data', async () => {
		const { context } = webhookContext({ store }, { body: completedBody() });
		const staticData = jest.spyOn(context, 'getWorkflowStaticData');
		expect((await new AiHomeDesignTrigger().webhook.call(context)).workflowData).toBeDefined();
		expect(staticData).not.toHaveBeenCalled();
		expect(started(await send({}))).toBe(false);
	});

	it('after a restart (memory lost), webhook() lets a late retry through and the execution ends at the trigger', async () => {
		const first = await send({});
		expect(ranWorkflow(await runExecution(first, { processedData: db }))).toBe(true);
		restartN8n();
		const retry = await send({});
		expect(started(retry)).toBe(true);
		expect(await runExecution(retry, { processedData: db })).toEqual([[]]);
	});

	it('keys that earlier versions left in static data are ignored', async () => {
		store = new StaticDataStore(true);
		store.saved = { [STATIC_DATA_KEY]: { [`${PROCESS_ID}:done`]: time.now() } };
		expect(started(await send({}))).toBe(true);
	});

	it('another status of the same process is another completion', async () => {
		expect(started(await send({}))).toBe(true);
		expect(started(await send({}, completedBody({ status: 'failed', final_assets: [] })))).toBe(
			true,
		);
	});

	it('another process is another completion', async () => {
		expect(started(await send({}))).toBe(true);
		expect(started(await send({}, completedBody({ process_id: idFor(1) })))).toBe(true);
	});

	it('is forgotten after 24 hours', async () => {
		expect(started(await send({}))).toBe(true);
		time = useVirtualClock(time.now() + DEDUPE_LIMITS.ttlMs - 1);
		expect(started(await send({}))).toBe(false);
		time = useVirtualClock(time.now() + 1);
		expect(started(await send({}))).toBe(true);
	});

	it('two trigger nodes (two workflows) keep separate memories', async () => {
		expect(started(await send({ workflowId: otherWorkflow(1) }))).toBe(true);
		expect(
			started(
				await deliver(
					{ workflowId: otherWorkflow(2), store: new StaticDataStore() },
					{ body: completedBody() },
				),
			),
		).toBe(true);
	});

	it('test runs (/webhook-test/) do not deduplicate and remember nothing', async () => {
		for (let n = 0; n < 2; n++) {
			const test = await send({ mode: 'manual' });
			expect(started(test)).toBe(true);
			expect(ranWorkflow(await runExecution(test, { processedData: db, mode: 'manual' }))).toBe(
				true,
			);
		}
		expect(db.queries).toEqual([]);
		// Nothing in memory either: the first production delivery starts the workflow.
		expect(started(await send({}))).toBe(true);
	});
});

describe('concurrent duplicates', () => {
	it('of two identical deliveries arriving together, exactly one starts the workflow', async () => {
		const outcomes = await Promise.all([send({}), send({})]);
		expect(outcomes.filter(started)).toHaveLength(1);
		expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
	});

	it('of ten, exactly one', async () => {
		const outcomes = await Promise.all(Array.from({ length: 10 }, async () => await send({})));
		expect(outcomes.filter(started)).toHaveLength(1);
	});
});

describe('bounded memory', () => {
	const fillBeyondLimit = async () => {
		const total = DEDUPE_LIMITS.maxKeys + 150;
		for (let n = 0; n < total; n++) {
			await clock.sleep(1000);
			expect(started(await send({}, completedBody({ process_id: idFor(n) })))).toBe(true);
		}
		return total;
	};
	const sendProcess = async (n: number) =>
		started(await send({}, completedBody({ process_id: idFor(n) })));

	it(`keeps at most ${DEDUPE_LIMITS.maxKeys} keys in memory, dropping the oldest`, async () => {
		const total = await fillBeyondLimit();
		const oldestKept = total - DEDUPE_LIMITS.maxKeys;
		expect(await sendProcess(total - 1)).toBe(false);
		expect(await sendProcess(oldestKept)).toBe(false);
		expect(await sendProcess(oldestKept - 1)).toBe(true);
		// Taking that one in let the oldest go: still exactly the newest maxKeys.
		expect(await sendProcess(oldestKept + 1)).toBe(false);
		expect(await sendProcess(oldestKept)).toBe(true);
	});

	it(`keeps at most ${DEDUPE_LIMITS.maxScopes} trigger nodes in memory`, async () => {
		const deliverTo = async (n: number) =>
			started(
				await deliver(
					{ workflowId: otherWorkflow(n), store: new StaticDataStore() },
					{ body: completedBody() },
				),
			);
		for (let n = 0; n <= DEDUPE_LIMITS.maxScopes; n++) expect(await deliverTo(n)).toBe(true);
		// The most recent node still knows the completion; the least recently used one forgot it.
		expect(await deliverTo(DEDUPE_LIMITS.maxScopes)).toBe(false);
		expect(await deliverTo(0)).toBe(true);
	});
});
