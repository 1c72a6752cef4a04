import type { INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesignTrigger } from '../../../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import {
	isUniqueViolation,
	LOCK_KEY,
	LOCK_LIMITS,
} from '../../../../nodes/AiHomeDesign/trigger/lock';
import { FakeHttp } from '../../../support/http/fake-http';
import {
	createExecuteContext,
	ProcessedDataStore,
	type LogEntry,
} from '../../../support/n8n-context/execute';
import { TRIGGER_NODE } from '../../../support/n8n-context/nodes';
import { PROCESS_ID } from '../../../support/trigger';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';

const WORKFLOW = 'workflow-lock';
const NODE_ROW = `n:${TRIGGER_NODE.id}`;
const WORKFLOW_ROW = '';
const KEY = `${PROCESS_ID}:done`;

let db: ProcessedDataStore;
let logs: LogEntry[];
let time: VirtualClock;

async function runStrict(): Promise<INodeExecutionData[][]> {
	const { context } = createExecuteContext({
		http: new FakeHttp(),
		node: TRIGGER_NODE,
		items: [{ json: { process_id: PROCESS_ID, status: 'done' } }],
		mode: 'webhook',
		params: { options: { strictDuplicateCheck: true } },
		logs,
		workflowId: WORKFLOW,
		processedData: db,
	});
	return await new AiHomeDesignTrigger().execute.call(context);
}
const passed = (output: INodeExecutionData[][]) => output[0].length > 0;
const warnings = () => logs.filter((l) => l.level === 'warn').map((l) => l.message);

beforeEach(() => {
	db = new ProcessedDataStore();
	logs = [];
	time = useVirtualClock();
});
afterEach(() => jest.restoreAllMocks());

describe('Strict Duplicate Check: the lock on the workflow-wide row', () => {
	it('takes the lock by inserting the row, checks, then deletes the row', async () => {
		expect(passed(await runStrict())).toBe(true);
		const lockQueries = db.queries.filter((q) => q.context === WORKFLOW_ROW).map((q) => q.query);
		expect(lockQueries[0]).toBe('read');
		expect(lockQueries).toContain('insert');
		expect(lockQueries[lockQueries.length - 1]).toBe('delete');
		// The check ran while the lock was held: after the insert, before the delete.
		const order = db.queries.map((q) => `${q.query}${q.context === WORKFLOW_ROW ? ' lock' : ''}`);
		const checked = order.lastIndexOf('insert');
		expect(order.indexOf('insert lock')).toBeLessThan(checked);
		expect(order.indexOf('delete lock')).toBeGreaterThan(checked);
		expect(db.keys(WORKFLOW, WORKFLOW_ROW)).toBeUndefined();
		expect(await runStrict()).toEqual([[]]);
		expect(warnings()).toEqual([]);
	});

	it(`a lock left by a crashed execution is cleared after ${LOCK_LIMITS.staleMs / 1000} s, and the check goes on`, async () => {
		db.put(WORKFLOW, WORKFLOW_ROW, { mode: 'entries', data: [LOCK_KEY] });
		const t0 = time.now();
		expect(passed(await runStrict())).toBe(true);
		const waited = time.now() - t0;
		expect(waited).toBeGreaterThanOrEqual(LOCK_LIMITS.staleMs);
		expect(waited).toBeLessThan(LOCK_LIMITS.staleMs + 1000);
		expect(warnings()).toEqual([
			expect.stringMatching(/cleared a duplicate-check lock held for over 30 s/),
		]);
		expect(db.keys(WORKFLOW, WORKFLOW_ROW)).toBeUndefined();
		expect(db.keys(WORKFLOW, NODE_ROW)).toEqual([KEY]);
	});

	it('a lock held briefly by another execution is waited for, not cleared', async () => {
		db.put(WORKFLOW, WORKFLOW_ROW, { mode: 'entries', data: [LOCK_KEY] });
		void time.sleep(2000).then(() => db.rows.delete(`${WORKFLOW}|${WORKFLOW_ROW}`));
		const t0 = time.now();
		expect(passed(await runStrict())).toBe(true);
		expect(time.now() - t0).toBeGreaterThanOrEqual(2000);
		expect(time.now() - t0).toBeLessThan(3000);
		expect(warnings()).toEqual([]);
	});

	it.each([
		['keys of a Remove Duplicates node', { mode: 'entries', data: ['a', 'b', 'c'] }],
		['one key of another node', { mode: 'entries', data: ['someone-elses-key'] }],
		['another mode', { mode: 'latestIncrementalKey', data: '42' }],
	])(
		'a workflow-wide row that is not ours (%s) is left as it is: the check runs unlocked, with a hint in the log',
		async (_what, row) => {
			db.put(WORKFLOW, WORKFLOW_ROW, row);
			const t0 = time.now();
			expect(passed(await runStrict())).toBe(true);
			expect(await runStrict()).toEqual([[]]);
			expect(time.now() - t0).toBeLessThan(1000);
			expect(db.rows.get(`${WORKFLOW}|${WORKFLOW_ROW}`)).toEqual(row);
			expect(warnings()).toEqual([
				expect.stringMatching(
					/Strict Duplicate Check is skipped.*Remove Duplicates node with scope "workflow"/,
				),
				expect.stringMatching(/Strict Duplicate Check is skipped/),
			]);
		},
	);

	it('a lock that cannot be released leaves the answer standing (the next waiter clears it once stale)', async () => {
		db.beforeQuery = (query, context) => {
			if (query === 'delete' && context === WORKFLOW_ROW) throw new Error('connection lost');
		};
		expect(passed(await runStrict())).toBe(true);
		expect(warnings()).toEqual([
			expect.stringMatching(/could not release the duplicate-check lock: connection lost/),
		]);
		db.beforeQuery = undefined;
		const t0 = time.now();
		expect(await runStrict()).toEqual([[]]);
		expect(time.now() - t0).toBeGreaterThanOrEqual(LOCK_LIMITS.staleMs);
		expect(db.keys(WORKFLOW, WORKFLOW_ROW)).toBeUndefined();
	});
});

describe('isUniqueViolation', () => {
	it.each([
		[
			'SQLite',
			Object.assign(
				new Error(
					'SQLITE_CONSTRAINT: UNIQUE constraint failed: processed_data.workflowId, processed_data.context',
				),
				{ code: 'SQLITE_CONSTRAINT' },
			),
			true,
		],
		[
			'Postgres',
			Object.assign(new Error('duplicate key value violates unique constraint "PK_1"'), {
				code: '23505',
			}),
			true,
		],
		[
			'Postgres, code on driverError only',
			Object.assign(new Error('query failed'), { driverError: { code: '23505' } }),
			true,
		],
		[
			'a lost connection',
			Object.assign(new Error('Connection terminated'), { code: 'ECONNRESET' }),
			false,
		],
		['not an error', undefined, false],
	])('%s', (_what, error, expected) => {
		expect(isUniqueViolation(error)).toBe(expected);
	});
});
