import type { IDataObject } from 'n8n-workflow';

import { completedBody, type DeliveryRequest } from '../../../support/trigger';
import { useVirtualClock } from '../../../support/time/package-clock';
import { deliver, restartN8n } from './n8nProcess';

beforeEach(() => {
	restartN8n();
	useVirtualClock();
});
afterEach(() => jest.restoreAllMocks());

const json = (body: unknown): DeliveryRequest => ({ body });
const withoutEvent = (): IDataObject => {
	const body = completedBody();
	delete body.event;
	return body;
};

// Answered 2xx so that the platform, which retries every non-2xx answer, does not send them again and again.
const unhandled: Array<[string, DeliveryRequest, string]> = [
	['another event', json(completedBody({ event: 'process.started' })), 'process.started'],
	['an old v1 delivery without event', json(withoutEvent()), 'v1'],
	[
		'a v1 upscale delivery',
		json({
			generated_image_id: '69a6cc22a374700bff4a1400',
			upscaled_image_src: 'https://cdn.aihomedesign.com/upscaled.jpg',
			user_id: '69a6aa03a374700bff4a1328',
		}),
		'upscale',
	],
];

describe('well-formed deliveries the trigger does not handle', () => {
	it.each(unhandled)(
		'%s is answered 2xx with a reason and starts nothing',
		async (_what, request, words) => {
			const outcome = await deliver({}, request);
			expect(outcome.result.workflowData).toBeUndefined();
			expect(outcome.status).toBeGreaterThanOrEqual(200);
			expect(outcome.status).toBeLessThan(300);
			expect(outcome.body).toEqual({
				received: true,
				started: false,
				reason: expect.stringContaining(words),
			});
		},
	);

	it('does not echo an odd event name back as it came', async () => {
		const outcome = await deliver({}, json(completedBody({ event: 'x<script>' })));
		expect(JSON.stringify(outcome.body)).not.toContain('<script>');
	});

	it.each([
		[
			'a process.completed body with a broken id',
			json(completedBody({ process_id: '42' })),
			'"process_id"',
		],
		['an event that is not a string', json(completedBody({ event: 1 })), '"event"'],
		['an empty event', json(completedBody({ event: '' })), '"event"'],
	])('%s still gets a 400', async (_what, request, words) => {
		const outcome = await deliver({}, request);
		expect(outcome.status).toBe(400);
		expect(outcome.result.workflowData).toBeUndefined();
		expect(outcome.body).toEqual({ received: false, error: expect.stringContaining(words) });
	});

	it('still refuses a delivery without the secret, whatever its event', async () => {
		const outcome = await deliver(
			{ params: { secret: 'open-sesame-test-value' } },
			json(completedBody({ event: 'process.started' })),
		);
		expect(outcome.status).toBe(404);
		expect(outcome.result.workflowData).toBeUndefined();
	});
});
