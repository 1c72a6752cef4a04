import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, DEFAULT_BASE_URL } from '../nodes/AiHomeDesign/shared/constants';

export class AiHomeDesignApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'AI HomeDesign API';

	icon: Icon = { light: 'file:aihomedesign.svg', dark: 'file:aihomedesign.dark.svg' };

	documentationUrl = 'https://github.com/aihomedesign-community/n8n-nodes-aihomedesign#credentials';

	properties: INodeProperties[] = [
		{
			// Shown above the fields, not only on hover: without the plan there is no key to paste.
			displayName:
				'API access needs an AI HomeDesign Enterprise plan. Copy the key from the AI HomeDesign dashboard, under API.',
			name: 'planNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your AI HomeDesign API key, from the dashboard under API (Enterprise plan)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			required: true,
			placeholder: DEFAULT_BASE_URL,
			description:
				'Keep the default unless you reach the platform through a proxy or a local simulator. The address must end with /v3.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	// The platform has no account endpoint; listing one project is the cheapest call that needs a valid key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/project',
			method: 'GET',
			qs: { page: 1, limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The API key was rejected (401). Copy it again from the AI HomeDesign dashboard, under API.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The key is valid but your plan has no API access (403). API keys need the Enterprise plan.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `Nothing was found at this Base URL (404). It should end with /v3, e.g. ${DEFAULT_BASE_URL}.`,
				},
			},
		],
	};
}
