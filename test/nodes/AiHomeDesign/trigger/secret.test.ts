import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeParameters,
} from 'n8n-workflow';
import { NodeHelpers, NodeOperationError } from 'n8n-workflow';

import { AiHomeDesignTrigger } from '../../../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import {
	readSecretText,
	secretMatches,
	testWebhookSecret,
} from '../../../../nodes/AiHomeDesign/trigger/secret';
import {
	completedBody,
	hookContext,
	StaticDataStore,
	TRIGGER_NODE,
	type TriggerSetup,
} from '../../../support/trigger';
import { useVirtualClock } from '../../../support/time/package-clock';
import { deliver, restartN8n } from './n8nProcess';

beforeEach(() => {
	restartN8n();
	useVirtualClock(Date.UTC(2026, 10, 26, 12, 0, 0));
});
afterEach(() => jest.restoreAllMocks());

const SECRET = 'open-sesame-test-value';
const fromCredential = (secret: string | undefined = SECRET): TriggerSetup => ({
	params: { authentication: 'urlSecret' },
	webhookSecret: secret,
});
const send = async (setup: TriggerSetup, query: IDataObject) =>
	await deliver(setup, { body: completedBody(), query });

describe('secretMatches', () => {
	it('matches only the identical string', () => {
		expect(secretMatches('test-secret', 'test-secret')).toBe(true);
		expect(secretMatches('test-secret', 'test-secreT')).toBe(false);
		expect(secretMatches('test-secret', 'test-secret ')).toBe(false);
		expect(secretMatches('test-secret', '')).toBe(false);
	});

	it('compares values of different lengths without throwing (digests have equal length)', () => {
		expect(() => secretMatches('short', 'a much longer guess than the secret')).not.toThrow();
		expect(secretMatches('é', 'e')).toBe(false);
	});
});

describe('a secret as typed: trimmed, URL-safe characters only', () => {
	it('takes letters, digits and - _ . ~, trimmed', () => {
		expect(readSecretText('  Ab9-_.~z\n')).toEqual({ ok: true, secret: 'Ab9-_.~z' });
	});

	it.each([
		['a+b', '"+"'],
		['a#b', '"#"'],
		['a&b=c', '"&", "="'],
		['a b', 'a space'],
		['50%off', '"%"'],
		['pässword', '"ä"'],
		['a/b?c', '"/", "?"'],
	])('refuses %j, naming %s and saying what to use', (raw, named) => {
		const text = readSecretText(raw);
		expect(text.ok).toBe(false);
		if (text.ok) return;
		expect(text.problem).toContain(`The secret contains ${named}`);
		expect(text.problem).toContain('Use only letters, digits and - _ . ~');
	});

	it('refuses an empty or blank secret', () => {
		expect(readSecretText('   ')).toEqual({ ok: false, problem: 'The secret is empty.' });
		expect(readSecretText(undefined)).toEqual({ ok: false, problem: 'The secret is empty.' });
	});
});

describe("the credential's Test (run when it is saved)", () => {
	const test = async (secret: unknown) =>
		await testWebhookSecret.call(
			{} as ICredentialTestFunctions,
			{
				id: '1',
				name: 'AI HomeDesign Webhook Secret',
				type: 'aiHomeDesignWebhookApi',
				data: { secret },
			} as ICredentialsDecrypted,
		);

	it('passes a URL-safe secret', async () => {
		expect((await test('f3a9c0d2e4b6a8c0d2e4f6a8b0c2d4e6')).status).toBe('OK');
	});

	it('fails one a URL would change, with the reason', async () => {
		expect(await test('my+secret#1')).toEqual({
			status: 'Error',
			message: expect.stringContaining('The secret contains "+", "#"'),
		});
	});

	it('is the test the trigger names for the credential', () => {
		const trigger = new AiHomeDesignTrigger();
		const entry = trigger.description.credentials?.find((c) => c.name === 'aiHomeDesignWebhookApi');
		expect(entry?.testedBy).toBe('testWebhookSecret');
		expect(trigger.methods.credentialTest.testWebhookSecret).toBe(testWebhookSecret);
	});
});

describe('deliveries with the secret from the credential', () => {
	it('the right ?secret= starts the workflow', async () => {
		expect((await send(fromCredential(), { secret: SECRET })).items).toHaveLength(1);
	});

	it('the saved secret is trimmed: one pasted with a newline still matches', async () => {
		const outcome = await send(fromCredential(` ${SECRET}\n`), { secret: SECRET });
		expect(outcome.items).toHaveLength(1);
	});

	it('a wrong or missing secret gets the same 404 as before the credential existed, and starts nothing', async () => {
		const legacy = await send({ params: { secret: SECRET } }, { secret: 'guess' });
		for (const query of [{ secret: 'guess' }, {}, { secret: '' }]) {
			const outcome = await send(fromCredential(), query);
			expect(outcome.started).toBe(false);
			expect([outcome.status, outcome.body]).toEqual([legacy.status, legacy.body]);
		}
		expect(legacy.status).toBe(404);
		expect(legacy.body).toMatchObject({ message: expect.stringContaining('is not registered') });
	});

	it('the legacy field does not open the door once the credential is chosen', async () => {
		const setup = {
			...fromCredential(),
			params: { authentication: 'urlSecret', secret: 'old-one' },
		};
		expect((await send(setup, { secret: 'old-one' })).status).toBe(404);
		expect((await send(setup, { secret: SECRET })).items).toHaveLength(1);
	});

	it.each([
		['no credential selected', undefined],
		['a secret with characters a URL changes', 'a+b'],
	])('%s: every delivery gets the 404, and the log says why', async (_what, secret) => {
		const setup = { params: { authentication: 'urlSecret' }, webhookSecret: secret };
		const outcome = await send(setup, { secret: secret ?? 'x' });
		expect(outcome.status).toBe(404);
		expect(outcome.started).toBe(false);
		expect(outcome.logs).toContainEqual(
			expect.objectContaining({
				level: 'warn',
				message: expect.stringMatching(/refuses every delivery/),
			}),
		);
	});
});

describe('the legacy Secret field (workflows saved before the credential)', () => {
	it('still guards the URL: right secret starts, wrong gets the 404', async () => {
		const setup = { params: { secret: SECRET } };
		expect((await send(setup, { secret: SECRET })).items).toHaveLength(1);
		expect((await send(setup, { secret: 'guess' })).status).toBe(404);
	});

	it('keeps the characters it had (only trimmed), so a working setup keeps working', async () => {
		const outcome = await send({ params: { secret: ' a+b ' } }, { secret: 'a+b' });
		expect(outcome.items).toHaveLength(1);
	});
});

describe('publishing (checkExists runs on every publish and test listen)', () => {
	const { checkExists } = new AiHomeDesignTrigger().webhookMethods.default;
	const check = async (params: IDataObject, webhookSecret?: string) =>
		await checkExists.call(
			hookContext(new StaticDataStore(), undefined, TRIGGER_NODE, { params, webhookSecret })
				.context,
		);

	it('stops with the reason when the credential secret cannot work in a URL', async () => {
		const attempt = check({ authentication: 'urlSecret' }, 'my secret&1');
		await expect(attempt).rejects.toBeInstanceOf(NodeOperationError);
		await expect(attempt).rejects.toThrow('The secret contains a space, "&"');
	});

	it('stops when Secret in URL is chosen without a credential', async () => {
		await expect(check({ authentication: 'urlSecret' })).rejects.toThrow(
			/no AI HomeDesign Webhook Secret API credential can be read/,
		);
	});

	it('goes ahead with a good secret, with the legacy field, or without a secret', async () => {
		await expect(check({ authentication: 'urlSecret' }, SECRET)).resolves.toBe(false);
		await expect(check({ secret: 'a+b' })).resolves.toBe(false);
		await expect(check({})).resolves.toBe(false);
	});
});

describe('the panel, as n8n resolves a saved node', () => {
	const { description } = new AiHomeDesignTrigger();
	/** The parameters n8n keeps for a node (defaults filled in, hidden ones dropped). */
	const resolved = (saved: INodeParameters) =>
		NodeHelpers.getNodeParameters(
			description.properties,
			saved,
			true,
			false,
			{ typeVersion: TRIGGER_NODE.typeVersion },
			description,
		) as INodeParameters;
	/** Whether the editor shows a field, for the node's values (`exact`: as given, else as n8n resolves them). */
	const shown = (name: string, saved: INodeParameters, exact = false) =>
		NodeHelpers.displayParameter(
			exact ? saved : resolved(saved),
			description.properties.find((p) => p.name === name)!,
			{ typeVersion: TRIGGER_NODE.typeVersion },
			description,
		);

	it('a new node has no secret field in the workflow and defaults to no secret', () => {
		expect(resolved({})).toMatchObject({ authentication: 'none' });
		expect(resolved({})).not.toHaveProperty('secret');
		// Also while the editor still holds the field emptied by the user.
		const emptied = { ...resolved({}), secret: '' };
		for (const [values, exact] of [
			[{}, false],
			[emptied, true],
		] as const) {
			expect(shown('secret', values, exact)).toBe(false);
			expect(shown('setupNotice', values, exact)).toBe(true);
			expect(shown('setupNoticeLegacySecret', values, exact)).toBe(false);
		}
	});

	it('an old workflow keeps its secret, shown as the legacy field with its notice', () => {
		expect(resolved({ secret: SECRET }).secret).toBe(SECRET);
		expect(shown('secret', { secret: SECRET })).toBe(true);
		expect(shown('setupNoticeLegacySecret', { secret: SECRET })).toBe(true);
		expect(shown('setupNotice', { secret: SECRET })).toBe(false);
	});

	it('choosing Secret in URL drops the legacy value from the saved node', () => {
		expect(resolved({ authentication: 'urlSecret', secret: SECRET })).not.toHaveProperty('secret');
		expect(shown('setupNoticeWithSecret', { authentication: 'urlSecret' })).toBe(true);
		expect(shown('setupNotice', { authentication: 'urlSecret' })).toBe(false);
	});

	it('the URL notice with the credential gives the whole URL shape, ?secret= included', () => {
		const notice = description.properties.find((p) => p.name === 'setupNoticeWithSecret');
		expect(notice?.displayName).toContain('Production URL');
		expect(notice?.displayName).toContain('/webhook/…/aihomedesign?secret=your-secret');
		expect(notice?.displayName).toContain('API → Webhook → Add Endpoint');
	});

	it('recommends a secret when Verify with API is on without one, and only then', () => {
		const verifying = { verifyWithApi: true };
		expect(shown('verifyNeedsSecretNotice', verifying)).toBe(true);
		expect(shown('verifyNeedsSecretNotice', { ...verifying, secret: '' })).toBe(true);
		expect(shown('verifyNeedsSecretNotice', { ...verifying, authentication: 'urlSecret' })).toBe(
			false,
		);
		expect(shown('verifyNeedsSecretNotice', { ...verifying, secret: SECRET })).toBe(false);
		expect(shown('verifyNeedsSecretNotice', {})).toBe(false);
	});
});
