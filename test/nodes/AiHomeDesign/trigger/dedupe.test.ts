import type { IDataObject } from 'n8n-workflow';
import { ObservableObject } from 'n8n-workflow';

import { clock } from '../../../../nodes/AiHomeDesign/shared/clock';
import {
	DEDUPE_LIMITS,
	DeliveryLedger,
	STATIC_DATA_KEY,
} from '../../../../nodes/AiHomeDesign/trigger/dedupe';
import {
	completedBody,
	PROCESS_ID,
	StaticDataStore,
	TRIGGER_NODE,
	type TriggerSetup,
} from '../../../support/trigger';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';
import { currentWorkflowId, deliver, restartN8n } from './n8nProcess';

let time: VirtualClock;
let store: StaticDataStore;

beforeEach(() => {
	restartN8n();
	time = useVirtualClock();
	store = new StaticDataStore();
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

	it('is recognised from memory: n8n 2.41 does not save what webhook() writes to static data', async () => {
		expect(started(await send({}))).toBe(true);
		expect(store.saved).toEqual({});
		expect(started(await send({}))).toBe(false);
	});

	it('n8n 2.41, after a restart (memory lost): a late retry starts the workflow again (documented limit)', async () => {
		expect(started(await send({}))).toBe(true);
		restartN8n();
		expect(started(await send({}))).toBe(true);
	});

	it('keys in the saved static data are honoured after a restart (a host that saves webhook writes)', async () => {
		store = new StaticDataStore(true);
		expect(started(await send({}))).toBe(true);
		expect(store.saved[STATIC_DATA_KEY]).toEqual({ [`${PROCESS_ID}:done`]: time.now() });
		restartN8n();
		expect(started(await send({}))).toBe(false);
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
		store = new StaticDataStore(true);
		expect(started(await send({ mode: 'manual' }))).toBe(true);
		expect(started(await send({ mode: 'manual' }))).toBe(true);
		expect(store.saved).toEqual({});
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

	it(`keeps at most ${DEDUPE_LIMITS.maxKeys} keys in static data, dropping the oldest`, async () => {
		store = new StaticDataStore(true);
		const total = await fillBeyondLimit();
		expect(Object.keys(store.saved[STATIC_DATA_KEY] as IDataObject)).toHaveLength(
			DEDUPE_LIMITS.maxKeys,
		);
		// The newest are still known; the oldest were let go.
		expect(await sendProcess(total - 1)).toBe(false);
		expect(await sendProcess(0)).toBe(true);
		expect(Object.keys(store.saved[STATIC_DATA_KEY] as IDataObject)).toHaveLength(
			DEDUPE_LIMITS.maxKeys,
		);
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

	it('drops expired keys from static data when it writes', async () => {
		store = new StaticDataStore(true);
		await send({});
		time = useVirtualClock(time.now() + DEDUPE_LIMITS.ttlMs + 1);
		await send({}, completedBody({ process_id: idFor(7) }));
		expect(Object.keys(store.saved[STATIC_DATA_KEY] as IDataObject)).toEqual([`${idFor(7)}:done`]);
	});

	it('ignores static data of an unexpected shape', async () => {
		store.saved = { [STATIC_DATA_KEY]: 'garbage' };
		expect(started(await send({}))).toBe(true);
		store.saved = { [STATIC_DATA_KEY]: { [`${idFor(3)}:done`]: 'yesterday' } };
		restartN8n();
		expect(started(await send({}, completedBody({ process_id: idFor(3) })))).toBe(true);
	});
});

describe('static data as n8n hands it over', () => {
	// As n8n-workflow's Workflow does: the whole static data observed, the node's part created on first use.
	// n8n saves static data only when it is marked as changed.
	function n8nStaticData(loaded: IDataObject) {
		const root = ObservableObject.create(structuredClone(loaded), undefined, {
			ignoreEmptyOnFirstChild: true,
		}) as IDataObject & { __dataChanged: boolean };
		const key = `node:${TRIGGER_NODE.name}`;
		if (root[key] === undefined) root[key] = ObservableObject.create({}, root);
		return { root, node: root[key] as IDataObject };
	}

	it.each([
		['nothing saved yet', {}],
		[
			'keys saved before',
			{ [`node:${TRIGGER_NODE.name}`]: { [STATIC_DATA_KEY]: { 'x:done': 1 } } },
		],
	])('a new completion marks it as changed (%s); a duplicate does not', (_what, loaded) => {
		const first = n8nStaticData(loaded);
		expect(first.root.__dataChanged).toBe(false);
		const scope = `${currentWorkflowId()}:${TRIGGER_NODE.id}`;
		expect(new DeliveryLedger(scope, first.node, time.now()).claim(`${PROCESS_ID}:done`)).toBe(
			true,
		);
		expect(first.root.__dataChanged).toBe(true);

		// After a restart (a scope the memory has not seen), only what n8n saved is known.
		const restarted = `${scope}:after-restart`;
		const next = n8nStaticData(JSON.parse(JSON.stringify(first.root)) as IDataObject);
		expect(new DeliveryLedger(restarted, next.node, time.now()).claim(`${PROCESS_ID}:done`)).toBe(
			false,
		);
		expect(next.root.__dataChanged).toBe(false);
	});
});
