import type { INodeProperties } from 'n8n-workflow';

const AFTER_URL =
	'The URL must be HTTPS and reachable from the internet. The Test URL (/webhook-test/) only listens while the editor waits for a test event: publish the workflow so the Production URL keeps listening.';

/** The trigger's panel: where to paste the URL, then the checks and filters. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName: `In the AI HomeDesign dashboard, open API → Webhook → Add Endpoint and paste the Production URL shown above under Webhook URLs. ${AFTER_URL}`,
		name: 'setupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { secret: [''] } },
	},
	{
		displayName: `In the AI HomeDesign dashboard, open API → Webhook → Add Endpoint and paste the Production URL shown above under Webhook URLs, with ?secret=&lt;your secret&gt; added at its end (the value of Secret below). ${AFTER_URL}`,
		name: 'setupNoticeWithSecret',
		type: 'notice',
		default: '',
		displayOptions: { hide: { secret: [''] } },
	},
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Optional. When set, deliveries must carry it as ?secret=… at the end of the registered URL; others get the answer n8n gives for a URL with no webhook (404). The platform signs nothing, so this is what keeps strangers who learn the URL out. Use letters, digits, - and _ only: +, # and & change meaning in a URL.',
	},
	{
		displayName: 'Status',
		name: 'statusFilter',
		type: 'options',
		options: [
			{ name: 'Done or Failed', value: 'both', description: 'Every finished process' },
			{ name: 'Done', value: 'done', description: 'Only processes that produced results' },
			{ name: 'Failed', value: 'failed', description: 'Only processes that failed' },
		],
		default: 'both',
		description: 'Which outcomes start the workflow. Others are acknowledged and start nothing.',
	},
	{
		displayName: 'Tools',
		name: 'toolFilter',
		type: 'options',
		options: [
			{ name: 'Any Tool', value: 'any' },
			{ name: 'Chosen Tools', value: 'list' },
		],
		default: 'any',
		description: 'Whether processes of any tool start the workflow, or only those of chosen tools',
	},
	{
		displayName: 'Tool Names or IDs',
		name: 'tools',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTools' },
		required: true,
		default: [],
		displayOptions: { show: { toolFilter: ['list'] } },
		description:
			'Processes of other tools are acknowledged and start nothing. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Verify with API',
		name: 'verifyWithApi',
		type: 'boolean',
		default: false,
		description:
			'Whether to read each process from the API with your credential before starting the workflow, and output what the API says rather than what the delivery says. Refuses deliveries for processes the API does not know; needs the credential.',
	},
	{
		displayName:
			'Set a Secret too: without one, anyone who learns the URL can make the trigger spend API calls on your key (a few at a time; more are asked to come back later).',
		name: 'verifyNeedsSecretNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { verifyWithApi: [true], secret: [''] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'One Item per Result Image',
				name: 'itemPerImage',
				type: 'boolean',
				default: false,
				description:
					'Whether to output one item per result image instead of one item per process. A failed process still gives one item, without image fields.',
			},
			{
				displayName: 'Accept Local Result Links',
				name: 'localResultLinks',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept result links over http and to this machine or a private network, as the local AI HomeDesign simulator sends them. Leave off for the real platform: it sends https links only, so such a link marks a forged delivery.',
			},
		],
	},
];
