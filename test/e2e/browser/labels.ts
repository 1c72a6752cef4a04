// What the browser test looks for in the package's panels: the one place to change when the nodes'
// descriptions change. n8n's own selectors are in ../harness/browser.ts (N8N_UI).

export const LABELS = Object.freeze({
	/** What a user types into the node creator. */
	search: 'home design',
	/** The package's entry in the node creator (one for both nodes). */
	entry: /^AI HomeDesign$/,
	entryName: 'AI HomeDesign',
	/** Run Tool on Image, as the node creator lists it ("Run an AI tool on a photo"). */
	runToolAction: /^Run (a |an AI )?tool on (an image|a photo)$/i,
	triggerItem: /^On new AI HomeDesign event$|^AI HomeDesign Trigger$/,
	tool: /^Tool( Name or ID)?$/,
	/** The tool's row in the Tool list: the package's own name, or the simulator's ("AI Virtual Staging"). */
	virtualStaging: /^(AI )?Virtual Staging/,
	/** Virtual Staging's settings, both required, and the values the test picks. */
	space: 'Space',
	spaceValue: /^Living Room/,
	style: 'Style',
	styleValue: /^Modern/,
	imageSource: 'Image Source',
	imageSourceUrl: /^URL/,
	imageUrl: 'Image URL',
	/** What n8n writes into an options field whose list it did not load. */
	noOptions: /Error fetching options|Set up credential to see options/i,
	/** The credential test's answer to a wrong key (from the credential's test rules). */
	rejectedKey: /The API key was rejected \(401\)/,
	/** The trigger's setup notice names the URL to paste. */
	pasteNotice: /paste the Production URL/i,
});

/** The credential's fields, by parameter name. */
export const CREDENTIAL_FIELDS = Object.freeze({ apiKey: 'apiKey', baseUrl: 'baseUrl' });
