import type { IDataObject } from 'n8n-workflow';

import { MAX_BODY_BYTES } from '../../../../nodes/AiHomeDesign/trigger/delivery';
import { ASSET_ID, completedBody, type DeliveryRequest } from '../../../support/trigger';
import { useVirtualClock } from '../../../support/time/package-clock';
import { deliver, restartN8n } from './n8nProcess';

beforeEach(() => {
	restartN8n();
	useVirtualClock();
});
afterEach(() => jest.restoreAllMocks());

const asset = (overrides: IDataObject = {}) => ({
	asset_id: ASSET_ID,
	asset_type: 'image',
	temp_src: 'https://cdn.aihomedesign.com/result.jpg',
	...overrides,
});
const without = (field: string): IDataObject => {
	const body = completedBody();
	delete body[field];
	return body;
};
const json = (body: unknown): DeliveryRequest => ({ body });

// [what, request, status, words the reason must contain]
const malformed: Array<[string, DeliveryRequest, number, string]> = [
	[
		'not JSON, no content type',
		{ raw: 'process done!', headers: { 'content-type': undefined } },
		400,
		'not valid JSON',
	],
	[
		'broken JSON the server did not parse',
		{ raw: '{"event": "process.completed",' },
		400,
		'not valid JSON',
	],
	[
		'text/plain',
		{ raw: JSON.stringify(completedBody()), headers: { 'content-type': 'text/plain' } },
		415,
		'application/json',
	],
	[
		'form encoded',
		{
			raw: 'event=process.completed',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		},
		415,
		'application/json',
	],
	[
		'multipart',
		{ raw: '--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' } },
		415,
		'multipart/form-data',
	],
	[
		'declared larger than 256 KB',
		{ body: completedBody(), headers: { 'content-length': String(MAX_BODY_BYTES + 1) } },
		413,
		'256 KB',
	],
	[
		'larger than 256 KB',
		json(completedBody({ padding: 'x'.repeat(MAX_BODY_BYTES) })),
		413,
		'256 KB',
	],
	['empty body', { raw: '' }, 400, 'empty'],
	['empty object', json({}), 400, 'empty'],
	['JSON array', json([completedBody()]), 400, 'JSON object'],
	['JSON string', json('process.completed'), 400, 'JSON object'],
	['JSON null', { raw: 'null', headers: { 'content-type': undefined } }, 400, 'JSON object'],
	['event not a string', json(completedBody({ event: 1 })), 400, '"event"'],
	['process_id missing', json(without('process_id')), 400, '"process_id" is missing'],
	['process_id too short', json(completedBody({ process_id: '69a6bb11' })), 400, '"process_id"'],
	['process_id a number', json(completedBody({ process_id: 42 })), 400, '"process_id"'],
	[
		'process_id not hexadecimal',
		json(completedBody({ process_id: 'zza6bb11a374700bff4a1333' })),
		400,
		'"process_id"',
	],
	['order_id missing', json(without('order_id')), 400, '"order_id" is missing'],
	['order_id invalid', json(completedBody({ order_id: '../../etc/passwd' })), 400, '"order_id"'],
	['tool missing', json(without('tool')), 400, '"tool" is missing'],
	['tool empty', json(completedBody({ tool: '' })), 400, '"tool"'],
	['tool too long', json(completedBody({ tool: 't'.repeat(201) })), 400, '"tool"'],
	['status missing', json(without('status')), 400, '"status" is missing'],
	['status not terminal', json(completedBody({ status: 'processing' })), 400, '"status"'],
	['status mistyped', json(completedBody({ status: true })), 400, '"status"'],
	['final_assets missing', json(without('final_assets')), 400, '"final_assets" is missing'],
	['final_assets an object', json(completedBody({ final_assets: asset() })), 400, '"final_assets"'],
	[
		'asset without asset_id',
		json(completedBody({ final_assets: [asset({ asset_id: undefined })] })),
		400,
		'"final_assets.0.asset_id"',
	],
	[
		'asset_type a number',
		json(completedBody({ final_assets: [asset({ asset_type: 3 })] })),
		400,
		'"final_assets.0.asset_type"',
	],
	[
		'temp_src not a URL',
		json(completedBody({ final_assets: [asset({ temp_src: 'javascript alert' })] })),
		400,
		'"final_assets.0.temp_src"',
	],
	[
		'src a javascript: link',
		json(completedBody({ final_assets: [asset({ src: 'javascript:alert(1)' })] })),
		400,
		'"final_assets.0.src": must be an https URL on a public host',
	],
	[
		'thumbnail a file: path',
		json(completedBody({ final_assets: [asset({ thumbnail_src: 'file:///etc/passwd' })] })),
		400,
		'"final_assets.0.thumbnail_src": must be an https URL on a public host',
	],
	[
		'second asset broken',
		json(completedBody({ final_assets: [asset(), 'oops'] })),
		400,
		'"final_assets.1"',
	],
	[
		'more than 100 assets',
		json(completedBody({ final_assets: Array.from({ length: 101 }, () => asset()) })),
		400,
		'"final_assets"',
	],
];

describe('malformed deliveries', () => {
	const table = malformed.map(
		([what, request, status, words]) => [what, status, request, words] as const,
	);
	it.each(table)('%s → %i, starts nothing', async (_what, status, request, words) => {
		const outcome = await deliver({}, request);
		expect(outcome.result.workflowData).toBeUndefined();
		expect(outcome.result.noWebhookResponse).toBe(true);
		expect(outcome.status).toBe(status);
		expect(outcome.body).toEqual({ received: false, error: expect.stringContaining(words) });
		expect((outcome.body as { error: string }).error.length).toBeLessThan(250);
	});

	it('counts further problems without listing them all', async () => {
		const outcome = await deliver({}, json({ event: 'process.completed' }));
		expect(outcome.status).toBe(400);
		expect((outcome.body as { error: string }).error).toMatch(
			/"process_id" is missing \(and 4 more problems\)/,
		);
	});

	it('takes JSON with a charset, a +json type, or no content type at all', async () => {
		for (const contentType of [
			'application/json; charset=utf-8',
			'application/vnd.aihomedesign+json',
			undefined,
		]) {
			restartN8n();
			const outcome = await deliver(
				{},
				{ raw: JSON.stringify(completedBody()), headers: { 'content-type': contentType } },
			);
			expect(outcome.status).toBe(200);
			expect(outcome.items).toHaveLength(1);
		}
	});

	it('keeps unknown extra fields out of the way: they neither fail nor show up', async () => {
		const outcome = await deliver(
			{},
			json(completedBody({ attempt: 3, created_at: '2026-01-01' })),
		);
		expect(outcome.status).toBe(200);
		expect(outcome.items?.[0]).not.toHaveProperty('attempt');
	});
});
