import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesignTrigger } from '../../../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import { CLAIM_LIMITS } from '../../../../nodes/AiHomeDesign/trigger/claim';
import { FakeHttp } from '../../../support/http/fake-http';
import {
	createExecuteContext,
	ProcessedDataStore,
	type LogEntry,
} from '../../../support/n8n-context/execute';
import { TRIGGER_NODE } from '../../../support/n8n-context/nodes';
import { PROCESS_ID } from '../../../support/trigger';
import { useVirtualClock } from '../../../support/time/package-clock';

const WORKFLOW = 'workflow-claim';
const NODE_ROW = `n:${TRIGGER_NODE.id}`;

const idFor = (n: number) =>
	(0x69a6bb11a374700bff500000n + BigInt(n)).toString(16).padStart(24, '0');
/** The items webhook() hands to the execution: one per completion, or one per result image. */
const itemsOf = (processId = PROCESS_ID, status = 'done', count = 1): INodeExecutionData[] =>
	Array.from({ length: count }, (_, i) => ({
		json: { event: 'process.completed', process_id: processId, status, asset_index: i },
	}));

type Execute = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

interface Run {
	items?: INodeExecutionData[];
	mode?: string;
	params?: IDataObject;
	logs?: LogEntry[];
	/** Another n8n process's copy of the trigger (its own memory). */
	execute?: Execute;
}

let db: ProcessedDataStore;
const trigger = new AiHomeDesignTrigger();

async function run({ items = itemsOf(), mode = 'webhook', params = {}, logs, execute }: Run = {}) {
	const { context } = createExecuteContext({
		http: new FakeHttp(),
		node: TRIGGER_NODE,
		items,
		mode,
		params,
		logs,
		workflowId: WORKFLOW,
		processedData: db,
	});
	return await (execute ?? trigger.execute).call(context);
}
const passed = (output: INodeExecutionData[][]) => output[0].length > 0;
const strict = { options: { strictDuplicateCheck: true } };

/** The trigger's execute() as a second n8n process loads it: a fresh copy of the package's modules. */
async function anotherProcess(): Promise<Execute> {
	let execute: Execute | undefined;
	await jest.isolateModulesAsync(async () => {
		const module = await import('../../../../nodes/AiHomeDesign/AiHomeDesignTrigger.node');
		execute = new module.AiHomeDesignTrigger().execute;
	});
	return execute!;
}

beforeEach(() => {
	db = new ProcessedDataStore();
	useVirtualClock();
});
afterEach(() => jest.restoreAllMocks());

describe("the durable check in the trigger's execute()", () => {
	it('lets a completion through once; a copy in a later execution ends at the trigger', async () => {
		expect(passed(await run())).toBe(true);
		expect(await run()).toEqual([[]]);
		expect(db.keys(WORKFLOW, NODE_ROW)).toEqual([`${PROCESS_ID}:done`]);
	});

	it('another status or another process is another completion', async () => {
		expect(passed(await run())).toBe(true);
		expect(passed(await run({ items: itemsOf(PROCESS_ID, 'failed') }))).toBe(true);
		expect(passed(await run({ items: itemsOf(idFor(1)) }))).toBe(true);
		expect(await run({ items: itemsOf(idFor(1)) })).toEqual([[]]);
	});

	it('uses the key webhook() uses: ids and statuses in lower case', async () => {
		expect(passed(await run({ items: itemsOf(PROCESS_ID.toUpperCase(), 'DONE') }))).toBe(true);
		expect(await run()).toEqual([[]]);
	});

	it('passes every item of the delivery on, each paired with its input; a duplicate drops them all', async () => {
		const output = await run({ items: itemsOf(PROCESS_ID, 'done', 3) });
		expect(output[0].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(output[0].map((item) => item.json.asset_index)).toEqual([0, 1, 2]);
		expect(await run({ items: itemsOf(PROCESS_ID, 'done', 3) })).toEqual([[]]);
	});

	it.each(['manual', 'retry'])('a %s run passes every time and records nothing', async (mode) => {
		expect(passed(await run({ mode }))).toBe(true);
		expect(passed(await run({ mode }))).toBe(true);
		expect(db.queries).toEqual([]);
		// The first webhook-started execution of that completion still runs.
		expect(passed(await run())).toBe(true);
	});

	it(`keeps the newest ${CLAIM_LIMITS.maxEntries} keys: the oldest drops out first`, async () => {
		db.put(WORKFLOW, NODE_ROW, {
			mode: 'entries',
			data: Array.from({ length: CLAIM_LIMITS.maxEntries }, (_, n) => `${idFor(n)}:done`),
		});
		expect(passed(await run({ items: itemsOf(idFor(CLAIM_LIMITS.maxEntries)) }))).toBe(true);
		expect(db.keys(WORKFLOW, NODE_ROW)).toHaveLength(CLAIM_LIMITS.maxEntries);
		expect(await run({ items: itemsOf(idFor(1)) })).toEqual([[]]);
		expect(passed(await run({ items: itemsOf(idFor(0)) }))).toBe(true);
	});

	it('without the store (n8n before 1.63) lets everything through and says so once in the log', async () => {
		const logs: LogEntry[] = [];
		const { context } = createExecuteContext({
			http: new FakeHttp(),
			node: TRIGGER_NODE,
			items: itemsOf(),
			mode: 'webhook',
			params: {},
			logs,
		});
		const execute = await anotherProcess();
		expect(passed(await execute.call(context))).toBe(true);
		expect(passed(await execute.call(context))).toBe(true);
		expect(logs.filter((l) => l.level === 'warn')).toEqual([
			expect.objectContaining({ message: expect.stringMatching(/no processed-data store/) }),
		]);
	});

	it('a database error fails the execution with a message that names the completion', async () => {
		db.beforeQuery = () => {
			throw new Error('SQLITE_BUSY: database is locked');
		};
		await expect(run()).rejects.toThrow(
			`Could not check in n8n's database whether completion ${PROCESS_ID}:done already started this workflow: SQLITE_BUSY: database is locked`,
		);
	});
});

describe('executions checking at the same moment', () => {
	it('in one n8n process take turns: of 5 copies one passes, and 20 completions keep all 20 keys', async () => {
		const copies = await Promise.all(Array.from({ length: 5 }, async () => await run()));
		expect(copies.filter(passed)).toHaveLength(1);
		const others = await Promise.all(
			Array.from({ length: 20 }, async (_, n) => await run({ items: itemsOf(idFor(n)) })),
		);
		expect(others.every(passed)).toBe(true);
		expect(db.keys(WORKFLOW, NODE_ROW)).toHaveLength(21);
	});

	describe('in two n8n processes (queue mode: two workers)', () => {
		it('without the lock, the first insert race still lets one copy through (the refused insert is retried)', async () => {
			const other = await anotherProcess();
			const copies = await Promise.all([run(), run({ execute: other })]);
			expect(copies.filter(passed)).toHaveLength(1);
			expect(db.refusedInserts).toBe(1);
		});

		it('without the lock, n8n’s unlocked read and write let both copies pass and drop keys (the residual)', async () => {
			const other = await anotherProcess();
			expect(passed(await run({ items: itemsOf(idFor(0)) }))).toBe(true);
			// Both read the row without the key, both write it back with it.
			const copies = await Promise.all([run(), run({ execute: other })]);
			expect(copies.filter(passed)).toHaveLength(2);
			// Two different completions: both read the same row, the second write drops the first's key.
			await Promise.all([
				run({ items: itemsOf(idFor(1)) }),
				run({ items: itemsOf(idFor(2)), execute: other }),
			]);
			expect(db.keys(WORKFLOW, NODE_ROW)).toHaveLength(3);
		});

		it('with Strict Duplicate Check, one copy passes and no key is lost; the lock is released', async () => {
			const other = await anotherProcess();
			for (let n = 0; n < 10; n++) {
				const copies = await Promise.all([
					run({ items: itemsOf(idFor(n)), params: strict }),
					run({ items: itemsOf(idFor(n)), params: strict, execute: other }),
				]);
				expect({ n, passed: copies.filter(passed).length }).toEqual({ n, passed: 1 });
			}
			await Promise.all(
				Array.from(
					{ length: 6 },
					async (_, n) =>
						await run({
							items: itemsOf(idFor(100 + n)),
							params: strict,
							execute: n % 2 ? other : undefined,
						}),
				),
			);
			expect(db.keys(WORKFLOW, NODE_ROW)).toHaveLength(16);
			expect(db.keys(WORKFLOW, '')).toBeUndefined();
			// The race for the lock was decided by the primary key: inserts were refused.
			expect(db.refusedInserts).toBeGreaterThan(0);
		});

		it.each(['sqlite', 'postgres'] as const)(
			'with Strict Duplicate Check on %s, a refused insert of the lock means wait, not fail',
			async (dialect) => {
				db = new ProcessedDataStore(dialect);
				const other = await anotherProcess();
				const outputs = await Promise.all([
					run({ items: itemsOf(idFor(1)), params: strict }),
					run({ items: itemsOf(idFor(2)), params: strict, execute: other }),
				]);
				expect(outputs.every(passed)).toBe(true);
				expect(db.refusedInserts).toBeGreaterThan(0);
				expect(db.keys(WORKFLOW, NODE_ROW)?.sort()).toEqual([
					`${idFor(1)}:done`,
					`${idFor(2)}:done`,
				]);
			},
		);
	});
});
