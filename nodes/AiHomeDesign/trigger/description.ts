import type { INodeProperties } from 'n8n-workflow';

const AFTER_URL =
	'The URL must be HTTPS and reachable from the internet. The Test URL (/webhook-test/) only listens while the editor waits for a test event: publish the workflow so the Production URL keeps listening.';

/** Where n8n shows the URL: its Webhook URLs section opens on the Test URL. */
const PASTE =
	'In the AI HomeDesign dashboard, open API → Webhook → Add Endpoint and paste the Production URL (click Webhook URLs at the top of this panel, then Production URL, then the URL to copy it)';

/**
 * Whether the legacy Secret field holds a value. Not `['']`: a node saved without the field has no
 * value at all (undefined), which `['']` does not match.
 */
const HAS_VALUE = { _cnd: { exists: true as const } };

/** The trigger's panel: where to paste the URL, then the checks and filters. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName: `${PASTE}. ${AFTER_URL} Without a secret, anyone who learns the URL can start this workflow: choose Secret in URL below.`,
		name: 'setupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['none'] }, hide: { secret: [HAS_VALUE] } },
	},
	{
		// n8n shows no credential value in the panel (the editor never receives it), so this gives
		// the URL's exact shape; the Production URL above is the part before the "?".
		displayName: `${PASTE} with <code>?secret=</code> and the secret of the AI HomeDesign Webhook Secret API credential added at its end, so that it reads <code>https://…/webhook/…/aihomedesign?secret=your-secret</code>. ${AFTER_URL}`,
		name: 'setupNoticeWithSecret',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['urlSecret'] } },
	},
	{
		displayName: `${PASTE} with <code>?secret=</code> and the value of the field below added at its end. That value is stored in the workflow itself (exports and shares include it): to move it out, create an AI HomeDesign Webhook Secret API credential with the same value and choose Secret in URL; the field then goes away. ${AFTER_URL}`,
		name: 'setupNoticeLegacySecret',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['none'], secret: [HAS_VALUE] } },
	},
	{
		displayName: 'Secret',
		name: 'authentication',
		type: 'options',
		options: [
			{
				name: 'None',
				value: 'none',
				description: 'Anyone who learns the URL can send deliveries that start the workflow',
			},
			{
				name: 'Secret in URL (Recommended)',
				value: 'urlSecret',
				description:
					'Deliveries must end with ?secret= and the secret of an AI HomeDesign Webhook Secret API credential; others get the 404 of an unknown URL',
			},
		],
		default: 'none',
		description:
			'The platform signs nothing: a secret in the registered URL is what keeps out strangers who learn it',
	},
	{
		// Workflows saved before the credential existed. Shown only while it holds a value (clearing
		// it hides it for good), and dropped once Secret in URL is chosen: n8n keeps no hidden
		// field, in the editor or when it loads the workflow to run it.
		displayName: 'Secret Stored in the Workflow (Legacy)',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { authentication: ['none'], secret: [HAS_VALUE] } },
		description:
			'Deliveries must carry it as ?secret=… at the end of the registered URL. Prefer Secret in URL: a credential keeps the secret out of the workflow.',
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
			'Whether to look each delivered process up with your AI HomeDesign API credential before starting the workflow, so that only processes the API confirms as finished start it, with the details the API gives',
	},
	{
		displayName:
			'Choose Secret in URL too: without a secret, anyone who learns the URL can make the trigger spend API calls on your key (a few at a time; more are asked to come back later).',
		name: 'verifyNeedsSecretNotice',
		type: 'notice',
		default: '',
		displayOptions: {
			show: { verifyWithApi: [true], authentication: ['none'] },
			hide: { secret: [HAS_VALUE] },
		},
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
			{
				displayName: 'Strict Duplicate Check (Queue Mode)',
				name: 'strictDuplicateCheck',
				type: 'boolean',
				default: false,
				description:
					'Whether to check completions for duplicates one at a time per workflow, under a short lock in n8n’s database. Turn on in queue mode with more than one worker or webhook process: without it, rare copies run twice there. Costs a few database queries per delivery; clashes with a Remove Duplicates node set to scope "workflow" in the same workflow (the check then runs without the lock).',
			},
		],
	},
];
