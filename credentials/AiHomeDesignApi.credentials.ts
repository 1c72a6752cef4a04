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
			description:
				'Change only to reach the platform through a proxy or a local simulator. Keep the /v3 at the end.',
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
		],
	};
}
