/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure, never shipped */
/**
 * The trigger's own work per delivery (validation, secret, dedupe, filters), in-process, against the
 * JSON.parse of the same body. The node is the TypeScript source (run by tsx), called as n8n calls
 * webhook(); the context's set-up is measured alone and subtracted.
 */
import type { IDataObject } from 'n8n-workflow';

// `.node.js`, which tsx maps to the .ts source: plain `.node` resolves to the codex file AiHomeDesignTrigger.node.json.
import { AiHomeDesignTrigger } from '../../nodes/AiHomeDesign/AiHomeDesignTrigger.node.js';
import { FakeHttp } from '../support/http/fake-http';
import { TRIGGER_NODE } from '../support/n8n-context/nodes';
import type { StaticDataStore } from '../support/n8n-context/static-data';
import { createWebhookContext, type WebhookSetup } from '../support/n8n-context/webhook';
import type { Benchmark } from './benchmark';
import { completionBody } from './fixtures';
import { fmt } from './table';

export interface TriggerCostFigures {
	bodyBytes: number;
	/** Measured deliveries per row (the static-data row: `savedDeliveries`). */
	deliveries: number;
	savedDeliveries: number;
	/** µs per delivery; all but parse and context with the context's set-up subtracted. */
	contextUs: number;
	parseUs: number;
	newUs: number;
	secretUs: number;
	duplicateUs: number;
	filteredUs: number;
	savedStaticDataUs: number;
	newStarted: number;
	secretStarted: number;
}

interface Body {
	text: string;
}

const bodies = (count: number): Body[] =>
	Array.from({ length: count }, (_, i) => ({ text: JSON.stringify(completionBody(i)) }));

/**
 * A host that keeps what webhook() writes to static data (n8n 2.41 does not): the same object on
 * every delivery, not a copy, so that the host's copying is not counted as the trigger's work.
 */
function keptStaticData(): StaticDataStore {
	const saved: IDataObject = {};
	return { saved, persistWebhookWrites: true, load: () => saved, save: () => undefined };
}

export const triggerCost: Benchmark<TriggerCostFigures> = {
	name: 'trigger-cost',
	needsN8n: false,
	async run({ quick, step }) {
		step('trigger work per delivery, in-process');
		const N = quick ? 5000 : 20000;
		const WARM = 2000;
		const trigger = new AiHomeDesignTrigger();
		const http = new FakeHttp();
		// The trigger remembers completions per workflow for the process's lifetime: a new workflow id
		// starts a measurement with an empty memory.
		let workflowRun = 0;
		const setup = (params: IDataObject = {}, store?: StaticDataStore): WebhookSetup => ({
			trigger,
			node: TRIGGER_NODE,
			params,
			store,
			http,
			workflowId: `bench-wf-${workflowRun}`,
		});
		const context = (s: WebhookSetup, b: Body, query?: IDataObject) =>
			createWebhookContext(s, { raw: b.text, query }).context;
		const all = bodies(N + WARM);

		async function measure(label: string, fn: (i: number) => Promise<void>, runs = N, warm = WARM) {
			for (let i = 0; i < warm; i++) await fn(i);
			const t0 = process.hrtime.bigint();
			for (let i = 0; i < runs; i++) await fn(i + warm);
			const us = Number(process.hrtime.bigint() - t0) / 1e3 / runs;
			step(`   ${label}: ${us.toFixed(2)} µs`);
			return us;
		}

		// The two floor rows add what they compute to `sink`, which is read after the loops: work whose
		// result nobody uses may be dropped by the optimiser, and the floor would then measure nothing.
		let sink = 0;
		const parseUs = await measure('JSON.parse', async (i) => {
			sink += (JSON.parse(all[i].text) as { status: string }).status.length;
		});
		const plain = setup();
		const contextUs = await measure('context only', async (i) => {
			sink += Object.keys(context(plain, all[i])).length;
		});

		workflowRun++;
		const fresh = setup();
		let newStarted = 0;
		const newUs = await measure('new completion', async (i) => {
			const r = await trigger.webhook.call(context(fresh, all[i]));
			if (r.workflowData) newStarted++;
		});
		// The last 500 bodies again, in turn: each has been seen, so each is dropped as a duplicate.
		const duplicateUs = await measure('duplicate', async (i) => {
			await trigger.webhook.call(context(fresh, all[(i % 500) + all.length - 500]));
		});
		const filtered = setup({ statusFilter: 'failed' });
		const filteredUs = await measure('filtered out', async (i) => {
			await trigger.webhook.call(context(filtered, all[i]));
		});

		workflowRun++;
		const withStore = setup({}, keptStaticData());
		const extra = bodies(N + WARM);
		// 1,000 warm-up deliveries fill the ledger to its limit; then 500 measured (each costs more).
		const SAVED_RUNS = 500;
		const savedStaticDataUs = await measure(
			'new completion, 1,000 keys in saved static data',
			async (i) => {
				await trigger.webhook.call(context(withStore, extra[i]));
			},
			SAVED_RUNS,
			1000,
		);

		workflowRun++;
		const secret = 'bench-secret-value';
		const withSecret = setup({ secret });
		let secretStarted = 0;
		const secretUs = await measure('new completion, with secret', async (i) => {
			const r = await trigger.webhook.call(
				context(withSecret, all[(i + 1000) % all.length], { secret }),
			);
			if (r.workflowData) secretStarted++;
		});
		if (sink < 0) throw new Error('unreachable: sink only counts lengths');

		const own = (us: number) => Math.max(0, us - contextUs);
		const figures: TriggerCostFigures = {
			bodyBytes: Buffer.byteLength(all[0].text),
			deliveries: N,
			savedDeliveries: SAVED_RUNS,
			contextUs,
			parseUs,
			newUs: own(newUs),
			secretUs: own(secretUs),
			duplicateUs: own(duplicateUs),
			filteredUs: own(filteredUs),
			savedStaticDataUs: own(savedStaticDataUs),
			newStarted,
			secretStarted,
		};
		const row = (label: string, us: number, note = '') => [
			label,
			fmt(us, 2),
			fmt(us / parseUs, 1),
			note,
		];
		return {
			figures,
			tables: [
				{
					title:
						'Trigger work per delivery, in-process (µs per delivery; context set-up subtracted)',
					notes: [
						`Body ${figures.bodyBytes} bytes; ${N} deliveries per row after ${WARM} warm-up (static-data row: ${SAVED_RUNS} after 1,000), sequential, Node ${process.version}.`,
						`The trigger gets the body parsed by n8n (so its cost comes on top of one JSON.parse); context set-up alone (parse included): ${fmt(contextUs, 2)} µs.`,
					],
					headers: ['case', 'µs / delivery', '× JSON.parse', 'note'],
					rows: [
						row('JSON.parse of the body (floor)', parseUs),
						row(
							'trigger: new completion → execution',
							figures.newUs,
							`${newStarted} of ${N + WARM} started`,
						),
						row(
							'trigger: new completion, secret checked',
							figures.secretUs,
							`${secretStarted} started`,
						),
						row('trigger: duplicate (dropped)', figures.duplicateUs),
						row('trigger: filtered out by status', figures.filteredUs),
						row(
							'trigger: new completion, static data kept by host (1,000 keys)',
							figures.savedStaticDataUs,
							'n8n 2.41 does not keep it',
						),
					],
				},
			],
		};
	},
};
