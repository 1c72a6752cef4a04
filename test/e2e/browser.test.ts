/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
// The package in the n8n editor, in headless Chromium, as a new user meets it: log in, find the node by
// searching, add Run Tool on Image, pick Virtual Staging and its settings, create the credential (a wrong key
// first), run it on a photo and look at the staged image, then add the trigger and read the URL to paste.
// One editor tab goes through the steps in order. With AIHD_SCREENSHOTS=docs (`npm run screenshots`) the
// steps also write the README's pictures into docs/images/.
import path from 'node:path';

import type { Browser } from 'playwright-core';

import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { TEST_API_KEY } from '../support/credentials';
import { REPO_ROOT } from '../support/repo';
import { LABELS } from './browser/labels';
import { servedSamplePhoto } from './browser/photo';
import {
	chromiumOrSkip,
	CREDENTIAL_TYPE,
	Editor,
	getPackedTarball,
	launchChromium,
	N8N_UI,
	startN8n,
	type N8nInstance,
} from './harness';

const chromiumPath = chromiumOrSkip('browser.test.ts');
const describeInBrowser = chromiumPath ? describe : describe.skip;
const DOCS_DIR =
	process.env.AIHD_SCREENSHOTS === 'docs' ? path.join(REPO_ROOT, 'docs', 'images') : '';
/** Short: the node waits 5 s before its first look at the process anyway. */
const PROCESS_MS = 1000;

describeInBrowser('the package in the n8n editor (headless Chromium)', () => {
	let sim: RunningSimulator;
	let n8n: N8nInstance;
	let browser: Browser;
	let editor: Editor;
	let photoUrl: string;

	/** A README picture, when asked for. */
	const picture = async (name: string) => {
		if (DOCS_DIR) await editor.screenshot(DOCS_DIR, name);
	};

	/** The first step that failed which later ones build on: those are then not run. */
	let brokenAt = '';
	/**
	 * Runs a step; on failure adds a screenshot and the browser's complaints to the error.
	 * `recovers`: a failure here leaves the editor where the next step expects it, so it blocks nothing.
	 * `independent`: runs even after an earlier step broke (it starts from whatever panel is open).
	 */
	const step =
		(fn: () => Promise<void>, { recovers = false, independent = false } = {}) =>
		async () => {
			if (brokenAt && !independent)
				throw new Error(`not run: an earlier step failed (${brokenAt})`);
			const name = expect.getState().currentTestName ?? 'step';
			try {
				await fn();
			} catch (error) {
				if (!recovers) brokenAt ||= name;
				(error as Error).message += `\n${editor ? await editor.failureReport(name) : ''}`;
				throw error;
			}
		};

	beforeAll(async () => {
		sim = await startSimulator({ platformOptions: { processDurationMs: PROCESS_MS } });
		// No credential imported: the user creates it in the editor.
		[n8n, browser, photoUrl] = await Promise.all([
			startN8n({ tarball: getPackedTarball() }),
			launchChromium(chromiumPath!),
			servedSamplePhoto(sim),
		]);
		editor = await Editor.open(browser, n8n.baseUrl);
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await sim?.stop();
	});

	it(
		`logs in and finds the node by searching "${LABELS.search}"`,
		step(
			async () => {
				await editor.login(n8n.owner);
				await editor.newWorkflow();
				const results = await editor.searchNodes(LABELS.search);
				await results
					.filter({ hasText: LABELS.entry })
					.first()
					.waitFor({ timeout: 10000 })
					.catch(() => undefined);
				expect(await results.allInnerTexts()).toContainEqual(expect.stringMatching(LABELS.entry));
				await picture('node-search');
			},
			{ recovers: true },
		),
	);

	it(
		'adds Run Tool on Image; the Tool list of the brand-new node loads, before any credential',
		step(
			async () => {
				// Should the search above have found nothing, the node's own name gets the next steps going.
				const entry = editor.nodeCreator.locator(N8N_UI.creatorItem, { hasText: LABELS.entry });
				if (!(await entry.first().isVisible())) await editor.searchNodes(LABELS.entryName);
				await editor.addFromCreator(LABELS.entry, LABELS.runToolAction, 'Actions');
				const tool = editor.field(LABELS.tool);
				// n8n writes why a list is missing into the field's placeholder.
				const placeholders = await tool
					.locator('input')
					.evaluateAll((inputs) =>
						inputs.map((i) => (i as unknown as { placeholder: string }).placeholder),
					);
				expect(placeholders.join(' | ')).not.toMatch(LABELS.noOptions);
				const options = await editor.openOptions(tool);
				await options.filter({ hasText: LABELS.virtualStaging }).first().waitFor();
				expect(await options.count()).toBeGreaterThan(5);
				await editor.closeDropdown();
			},
			// The credential, next, makes n8n load the list anyway.
			{ recovers: true },
		),
	);

	it(
		'the credential: a wrong key gets the 401 message; the simulator’s URL and key pass the test',
		step(async () => {
			await editor.closeDropdown();
			await editor.startNewCredential();
			await editor.fillCredential({ baseUrl: sim.apiBaseUrl, apiKey: 'not-the-key' });
			expect(await editor.saveCredential()).toMatchObject({ status: 'Error' });
			const modal = editor.credentialModal;
			await modal.getByText('More details').click();
			await modal.getByText(LABELS.rejectedKey).waitFor();

			await editor.fillCredential({ apiKey: TEST_API_KEY });
			expect(await editor.saveCredential()).toMatchObject({ status: 'OK' });
			// Reopened, n8n tests it again and shows the result.
			await editor.closeCredential();
			await editor.editCredential();
			await modal.getByText('Connection tested successfully').waitFor();
			await picture('credential-test');
			await editor.closeCredential();

			const saved = await n8n.rest<{ data: Array<{ type: string }> }>('GET', '/rest/credentials');
			expect(saved.data.map((c) => c.type)).toEqual([CREDENTIAL_TYPE]);
		}),
	);

	it(
		'Virtual Staging shows its settings, and flags a required one left empty',
		step(async () => {
			await editor.choose(editor.field(LABELS.tool), LABELS.virtualStaging);
			const space = editor.field(LABELS.space);
			const style = editor.field(LABELS.style);
			await space.waitFor();
			await style.waitFor();
			await editor.choose(space, LABELS.spaceValue);
			// Opened and left without a choice: n8n marks the field.
			await editor.openOptions(style);
			await editor.closeDropdown();
			await editor.leave(style);
			await editor.issues(style).waitFor();
			expect(await editor.issues(space).count()).toBe(0);

			await editor.choose(style, LABELS.styleValue);
			await editor.issues(style).waitFor({ state: 'detached' });
		}),
	);

	it(
		'executes on a photo link; the binary preview shows the staged image',
		step(async () => {
			await editor.choose(editor.field(LABELS.imageSource), LABELS.imageSourceUrl);
			await editor.fill(editor.field(LABELS.imageUrl), photoUrl);
			await picture('virtual-staging-settings');
			await editor.executeStep();
			const preview = await editor.viewOutputBinary();

			const [processed] = sim.platform.processes();
			expect(processed).toMatchObject({ status: 'done', tool: 'tool-virtual-staging' });
			// The settings picked above reached the platform.
			expect(JSON.stringify(processed.widgets)).toMatch(/living-room.*modern|modern.*living-room/);
			const staged = await editor.fetchBytes(processed.final_assets[0].src!);
			const shown = await editor.fetchBytes((await preview.getAttribute('src'))!);
			expect(shown.equals(staged)).toBe(true);
			await picture('staged-image');
		}),
	);

	it(
		'the trigger’s panel shows the URL to paste',
		step(
			async () => {
				await editor.closeNdv();
				await editor.searchNodes(LABELS.entryName);
				await editor.addFromCreator(LABELS.entry, LABELS.triggerItem, 'Triggers');
				await editor.ndv.getByText(LABELS.pasteNotice).first().waitFor();
				const url = await editor.productionWebhookUrl();
				expect(url).toMatch(new RegExp(`^${n8n.baseUrl}/webhook/[0-9a-f-]{36}/aihomedesign$`));
				await picture('trigger-url');
			},
			{ independent: true },
		),
	);
});
