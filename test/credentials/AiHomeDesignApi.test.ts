import type { ICredentialDataDecryptedObject, INode, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { AiHomeDesignApi } from '../../credentials/AiHomeDesignApi.credentials';

const credential = new AiHomeDesignApi();

/** Resolves `={{ … }}` values with `$credentials` bound, as n8n does for a credential's test and auth. */
function resolve<T>(value: T, credentials: ICredentialDataDecryptedObject): T {
	const node: INode = {
		id: 'credential-test',
		name: 'Credential Test',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeTypes = {
		getByName: () => ({ description: { properties: [] } }),
		getByNameAndVersion: () => ({ description: { properties: [] } }),
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getParameterValue(
		value as never,
		null,
		0,
		0,
		node.name,
		[],
		'internal',
		{ $credentials: credentials },
	) as T;
}

const defaults = Object.fromEntries(
	credential.properties.map((property) => [property.name, property.default]),
) as ICredentialDataDecryptedObject;

/** The test request as a URL, with the credential's values filled in. */
function testUrl(credentials: ICredentialDataDecryptedObject): string {
	const { request } = credential.test;
	const qs = new URLSearchParams();
	for (const [key, value] of Object.entries(request.qs ?? {})) qs.append(key, String(value));
	return `${resolve(request.baseURL, credentials)}${request.url}?${qs}`;
}

describe('Test (the button in the credential dialog)', () => {
	it('lists one project: GET <base URL>/project?page=1&limit=1', () => {
		expect(credential.test.request.method).toBe('GET');
		expect(testUrl({ ...defaults, apiKey: 'key' })).toBe(
			'https://api.aihomedesign.com/v3/project?page=1&limit=1',
		);
	});

	it('goes to a custom base URL, trailing slashes dropped', () => {
		expect(testUrl({ apiKey: 'key', baseUrl: 'http://localhost:4010/v3//' })).toBe(
			'http://localhost:4010/v3/project?page=1&limit=1',
		);
	});

	it.each([
		[
			401,
			'The API key was rejected (401). Copy it again from the AI HomeDesign dashboard, under API.',
		],
		[
			403,
			'The key is valid but your plan has no API access (403). API keys need the Enterprise plan.',
		],
		[
			// A Base URL without /v3: the platform answers a bare "Not Found".
			404,
			'Nothing was found at this Base URL (404). It should end with /v3, e.g. https://api.aihomedesign.com/v3.',
		],
	])('explains a %i in words the user can act on', (status, message) => {
		expect(credential.test.rules).toContainEqual({
			type: 'responseCode',
			properties: { value: status, message },
		});
	});
});

describe('authentication', () => {
	it('sends the key in the x-api-key header, and nowhere else', () => {
		expect(credential.authenticate.type).toBe('generic');
		const { properties } = credential.authenticate;
		expect(resolve(properties.headers, { ...defaults, apiKey: 'secret-key-123' })).toEqual({
			'x-api-key': 'secret-key-123',
		});
		expect(properties.qs).toBeUndefined();
		expect(properties.body).toBeUndefined();
		expect(properties.auth).toBeUndefined();
	});

	it('keeps the key hidden in the dialog and the base URL on the live API by default', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.baseUrl.default).toBe('https://api.aihomedesign.com/v3');
	});
});

describe('the dialog, before anything is typed', () => {
	const [first, ...fields] = credential.properties;

	it('shows the Enterprise-plan requirement and where the key is, as a notice above the fields', () => {
		expect(first.type).toBe('notice');
		expect(first.displayName).toBe(
			'API access needs an AI HomeDesign Enterprise plan. Copy the key from the AI HomeDesign dashboard, under API.',
		);
	});

	it('says the Base URL ends with /v3', () => {
		const baseUrl = fields.find((p) => p.name === 'baseUrl');
		expect(baseUrl?.description).toMatch(/must end with \/v3/);
		expect(baseUrl?.placeholder).toBe('https://api.aihomedesign.com/v3');
	});
});
