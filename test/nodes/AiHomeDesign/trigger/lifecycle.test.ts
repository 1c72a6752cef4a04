import type { IHookFunctions } from 'n8n-workflow';

import { AiHomeDesignTrigger } from '../../../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import { STATIC_DATA_KEY } from '../../../../nodes/AiHomeDesign/trigger/dedupe';
import { REGISTRATION_KEY } from '../../../../nodes/AiHomeDesign/trigger/lifecycle';
import { hookContext, PRODUCTION_URL, StaticDataStore } from '../../../support/trigger';
import { useVirtualClock } from '../../../support/time/package-clock';

const methods = new AiHomeDesignTrigger().webhookMethods.default;
let store: StaticDataStore;

beforeEach(() => {
	useVirtualClock(Date.UTC(2026, 10, 26, 9, 30));
	store = new StaticDataStore();
});
afterEach(() => jest.restoreAllMocks());

describe('webhook lifecycle (the platform has no registration API)', () => {
	it('create records the production URL and when it was published, and returns true', async () => {
		const hook = hookContext(store);
		expect(await methods.create.call(hook.context)).toBe(true);
		expect(hook.staticData[REGISTRATION_KEY]).toEqual({
			url: PRODUCTION_URL,
			activatedAt: '2026-11-26T09:30:00.000Z',
		});
	});

	it('checkExists is false before create, true after, false once the URL changes', async () => {
		expect(await methods.checkExists.call(hookContext(store).context)).toBe(false);
		const hook = hookContext(store);
		await methods.create.call(hook.context);
		hook.save();
		expect(await methods.checkExists.call(hookContext(store).context)).toBe(true);
		expect(
			await methods.checkExists.call(
				hookContext(store, 'https://n8n.example.com/webhook/other/aihomedesign').context,
			),
		).toBe(false);
	});

	it('delete forgets the URL but keeps the remembered deliveries, and returns true', async () => {
		store.saved = {
			[REGISTRATION_KEY]: { url: PRODUCTION_URL, activatedAt: '2026-11-25T00:00:00.000Z' },
			[STATIC_DATA_KEY]: { 'x:done': 1 },
		};
		const hook = hookContext(store);
		expect(await methods.delete.call(hook.context)).toBe(true);
		expect(hook.staticData).toEqual({ [STATIC_DATA_KEY]: { 'x:done': 1 } });
		expect(await methods.checkExists.call(hook.context)).toBe(false);
	});

	it('delete without a record still succeeds', async () => {
		expect(await methods.delete.call(hookContext(store).context)).toBe(true);
	});

	it.each(['checkExists', 'create', 'delete'] as const)('%s lets errors through', async (name) => {
		const broken = {
			...hookContext(store).context,
			getWorkflowStaticData: () => {
				throw new Error('static data unavailable');
			},
		} as unknown as IHookFunctions;
		await expect(methods[name].call(broken)).rejects.toThrow('static data unavailable');
	});
});
