/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// The n8n editor in headless Chromium (the system's, driven by playwright-core): find the browser, log in,
// and the few moves a user makes in the editor (node creator, node panel, credential dialog, run data).
// n8n's own selectors live here, in N8N_UI; the package's labels belong to the tests that use them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

import type { Owner } from './env';
import { REQUIRE_ENV } from './queue/system';

export const CHROMIUM_INSTALL_HINT = 'apt-get install chromium';

/** n8n 2.41's editor, as far as the tests touch it (its data-test-id attributes, mostly). */
export const N8N_UI = Object.freeze({
	email: '#emailOrLdapLoginId',
	password: '#password',
	signIn: '[data-test-id="form-submit-button"]',
	canvas: '[data-test-id="canvas"]',
	firstStep: '[data-test-id="canvas-plus-button"]',
	addNode: '[data-test-id="node-creator-plus-button"]',
	nodeCreator: '[data-test-id="node-creator"]',
	nodeSearch: '[data-test-id="node-creator-search-bar"]',
	creatorItem: '[data-test-id="node-creator-item-name"]',
	creatorCategory: '[data-test-id="node-creator-category-item"]',
	ndv: '[data-test-id="ndv"]',
	ndvClose: '[data-test-id="ndv-close-button"]',
	parameters: '[data-test-id="node-parameters"]',
	paramsTab: '[data-test-id="tab-params"]',
	parameterItem: '[data-test-id="parameter-item"]',
	parameterLabel: '[data-test-id="input-label"] label',
	parameterIssues: '[data-test-id="parameter-issues"]',
	parameterInput: (name: string) => `[data-test-id="parameter-input-${name}"]`,
	/** The open dropdown of an options field (element-plus renders it in a popper on <body>). */
	openDropdown: '.el-select-dropdown:visible',
	dropdownOption: 'li[role=option]',
	credentialSelect: '[data-test-id="node-credentials-select"]',
	newCredential: '[data-test-id="node-credentials-select-item-new"]',
	/** With no credential of the type yet, the Credential field is a "Connect to …" button. */
	setUpCredential:
		'[data-test-id="node-credentials-empty-state"] button, [data-test-id="node-credentials-select"]',
	editCredential: '[data-test-id="credential-edit-button"]',
	credentialModal: '[data-test-id="editCredential-modal"]',
	credentialSave: '[data-test-id="credential-save-button"]',
	credentialTestOk: '[data-test-id="credentials-config-container-test-success"]',
	modalClose: '.el-dialog__headerbtn',
	executeStep: '[data-test-id="node-execute-button"]',
	runSuccess: '[data-test-id="node-run-status-success"]',
	outputPanel: '[data-test-id="output-panel"]',
	binaryTab: '[data-test-id="radio-button-binary"]',
	viewBinary: '[data-test-id="ndv-view-binary-data"]',
	webhookUrls: '.webhooks .headline',
	productionUrlTab: '[data-test-id="radio-button-production"]',
	webhookUrl: '.webhooks .webhook-url',
	toastClose: '.el-notification__closeBtn:visible',
});

function onPath(name: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat('/usr/bin')) {
		const full = path.join(dir, name);
		if (dir && fs.existsSync(full)) return full;
	}
	return undefined;
}

/** Debian's chromium (or Ubuntu's chromium-browser), or undefined. */
export function findChromium(): string | undefined {
	return onPath('chromium') ?? onPath('chromium-browser');
}

/** Chromium's path, or undefined after saying what to install; with AIHD_REQUIRE_SYSTEM_SERVICES=1 (CI) a
 * missing browser throws instead, so the suite fails rather than skips. */
export function chromiumOrSkip(suite: string): string | undefined {
	const found = findChromium();
	if (found) return found;
	const message = `${suite} needs Chromium on this machine (none on PATH). Install it with \`${CHROMIUM_INSTALL_HINT}\` (Debian/Ubuntu).`;
	if (process.env[REQUIRE_ENV] === '1') throw new Error(`${message} (${REQUIRE_ENV}=1: failing)`);
	process.stderr.write(`\n[e2e] SKIPPED: ${message}\n`);
	return undefined;
}

/** Headless Chromium; without the sandbox when root (Chromium refuses it then). */
export async function launchChromium(executablePath: string): Promise<Browser> {
	return await chromium.launch({
		executablePath,
		headless: true,
		args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
	});
}

/** The part of an <img> that viewOutputBinary() reads in the page. */
interface PreviewImage {
	complete: boolean;
	naturalWidth: number;
	src: string;
	addEventListener(type: 'load' | 'error', listener: (event: unknown) => void): void;
}

/** The README's pictures are 1280×800: small files, still readable. */
export const VIEWPORT = { width: 1280, height: 800 };
/** n8n on a busy 2-CPU machine takes its time to load the editor and to answer. */
const SLOW_MS = 60000;

/** One logged-in editor tab on an n8n. Methods wait for what they did to show. */
export class Editor {
	/** Browser console errors and failed requests, for a failure's message. */
	readonly problems: string[] = [];

	private constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {
		page.setDefaultTimeout(SLOW_MS);
		page.on('console', (m) => {
			if (m.type() === 'error') this.problems.push(`console: ${m.text().slice(0, 300)}`);
		});
		page.on('response', (r) => {
			if (r.status() >= 500) this.problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
		});
	}

	static async open(browser: Browser, baseUrl: string): Promise<Editor> {
		const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
		return new Editor(await context.newPage(), baseUrl);
	}

	/** The sign-in form, then the page n8n lands on. */
	async login(owner: Pick<Owner, 'email' | 'password'>): Promise<void> {
		await this.page.goto(`${this.baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
		await this.page.fill(N8N_UI.email, owner.email);
		await this.page.fill(N8N_UI.password, owner.password);
		await this.page.click(N8N_UI.signIn);
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}

	/** An empty workflow on the canvas. */
	async newWorkflow(): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
		await this.page.locator(N8N_UI.firstStep).waitFor();
	}

	/** The workflow's id, from the address bar (n8n saves a new workflow as soon as it has a node). */
	workflowId(): string {
		return /\/workflow\/([^/?]+)/.exec(this.page.url())?.[1] ?? '';
	}

	get nodeCreator(): Locator {
		return this.page.locator(N8N_UI.nodeCreator);
	}

	/** Opens the node creator (the first-step button on an empty canvas), unless open, and searches. */
	async searchNodes(text: string): Promise<Locator> {
		if (!(await this.nodeCreator.isVisible())) {
			const first = this.page.locator(N8N_UI.firstStep);
			await ((await first.isVisible()) ? first : this.page.locator(N8N_UI.addNode)).click();
			await this.nodeCreator.waitFor();
		}
		await this.nodeCreator.locator(N8N_UI.nodeSearch).fill(text);
		return this.nodeCreator.locator(N8N_UI.creatorItem);
	}

	/** In the node creator: opens an entry (e.g. the package's), then picks one of its actions or
	 * triggers, expanding its category (Actions, Triggers) when collapsed. Waits for the node's panel. */
	async addFromCreator(
		entry: string | RegExp,
		item: RegExp,
		category: 'Actions' | 'Triggers',
	): Promise<void> {
		await this.nodeCreator.locator(N8N_UI.creatorItem, { hasText: entry }).first().click();
		const wanted = this.nodeCreator.locator(N8N_UI.creatorItem, { hasText: item }).first();
		if (!(await wanted.isVisible()))
			await this.nodeCreator.locator(N8N_UI.creatorCategory, { hasText: category }).click();
		await wanted.click();
		await this.ndv.waitFor();
	}

	get ndv(): Locator {
		return this.page.locator(N8N_UI.ndv);
	}

	/** Back to the canvas: closes an open dropdown, credential dialog and node panel. */
	async closeNdv(): Promise<void> {
		await this.closeDropdown();
		await this.closeCredential();
		if (!(await this.ndv.isVisible())) return;
		await this.page.locator(N8N_UI.ndvClose).click();
		await this.ndv.waitFor({ state: 'hidden' });
	}

	/** A parameter's row in the open panel (label, input, issues), by its label. */
	field(label: string | RegExp): Locator {
		// n8n's label text ends in a space; a RegExp is taken as the whole label, less that.
		const title = this.page.getByText(
			typeof label === 'string'
				? label
				: new RegExp(`^\\s*(?:${label.source.replace(/^\^|\$$/g, '')})\\s*$`, label.flags),
			{ exact: true },
		);
		return this.ndv
			.locator(N8N_UI.parameters)
			.locator(N8N_UI.parameterItem)
			.filter({ has: this.page.locator(N8N_UI.parameterLabel).filter({ has: title }) })
			.first();
	}

	/** The red mark n8n puts on a field whose value is missing or wrong. */
	issues(field: Locator): Locator {
		return field.locator(N8N_UI.parameterIssues);
	}

	/** Opens an options field's dropdown; resolves with its options. */
	async openOptions(field: Locator): Promise<Locator> {
		const dropdown = this.page.locator(N8N_UI.openDropdown);
		if (!(await dropdown.count()))
			await field.locator('.el-select').first().click({ timeout: 15000 });
		await dropdown.first().waitFor();
		return dropdown.locator(N8N_UI.dropdownOption);
	}

	/** Picks an option of an options field (or one more of a multi-options field), then closes the list. */
	async choose(field: Locator, option: string | RegExp): Promise<void> {
		const options = await this.openOptions(field);
		await options.filter({ hasText: option }).first().click();
		await this.closeDropdown();
	}

	/** Leaves a field, as a click elsewhere in the panel does: n8n checks it then. */
	async leave(field: Locator): Promise<void> {
		await field.locator('input').first().blur();
		await this.ndv.locator(N8N_UI.paramsTab).click();
	}

	async closeDropdown(): Promise<void> {
		const dropdown = this.page.locator(N8N_UI.openDropdown);
		if (await dropdown.count()) await this.page.keyboard.press('Escape');
		await dropdown.first().waitFor({ state: 'hidden' });
	}

	async fill(field: Locator, value: string): Promise<void> {
		await field.locator('input, textarea').first().fill(value);
		// Leave the field, so that n8n takes the value (and checks it).
		await this.page.keyboard.press('Tab');
	}

	get credentialModal(): Locator {
		return this.page.locator(N8N_UI.credentialModal);
	}

	/** From the node's Credential field: "Create new credential", the dialog open. */
	async startNewCredential(): Promise<void> {
		await this.ndv.locator(N8N_UI.setUpCredential).first().click();
		const create = this.page.locator(N8N_UI.newCredential);
		// With no credential of the type yet, n8n may open the dialog straight away.
		await Promise.race([
			create.waitFor().then(() => create.click()),
			this.credentialModal.waitFor(),
		]);
		await this.credentialModal.waitFor();
	}

	/** Fills fields of the open credential dialog, by their parameter names. */
	async fillCredential(values: Record<string, string>): Promise<void> {
		for (const [name, value] of Object.entries(values))
			await this.credentialModal.locator(`${N8N_UI.parameterInput(name)} input`).fill(value);
	}

	/** Save: n8n stores the credential, then tests it; resolves with the test's answer. */
	async saveCredential(): Promise<{ status: string; message?: string }> {
		const tested = this.page.waitForResponse(
			(r) => r.url().endsWith('/rest/credentials/test') && r.request().method() === 'POST',
		);
		await this.credentialModal.locator(N8N_UI.credentialSave).click();
		const body = (await (await tested).json()) as { data: { status: string; message?: string } };
		return body.data;
	}

	async closeCredential(): Promise<void> {
		if (!(await this.credentialModal.isVisible())) return;
		await this.credentialModal.locator(N8N_UI.modalClose).first().click();
		await this.credentialModal.waitFor({ state: 'hidden' });
	}

	/** Reopens the node's credential: n8n tests it again on opening. */
	async editCredential(): Promise<void> {
		await this.ndv.locator(N8N_UI.editCredential).click();
		await this.credentialModal.waitFor();
	}

	/** "Execute step" in the open panel; resolves when the run succeeded (throws with n8n's error otherwise). */
	async executeStep(timeoutMs = 90000): Promise<void> {
		await this.ndv.locator(N8N_UI.executeStep).first().click();
		const output = this.ndv.locator(N8N_UI.outputPanel);
		const ok = output.locator(N8N_UI.runSuccess);
		const failed = output.locator('.error-details, [data-test-id="node-error-message"]');
		await Promise.race([
			ok.waitFor({ timeout: timeoutMs }),
			failed.first().waitFor({ timeout: timeoutMs }),
		]);
		if (!(await ok.isVisible()))
			throw new Error(`the step failed: ${(await output.innerText()).slice(0, 1000)}`);
	}

	/** The output's Binary tab, then View on its first file: resolves with the preview <img>. */
	async viewOutputBinary(): Promise<Locator> {
		const output = this.ndv.locator(N8N_UI.outputPanel);
		const view = output.locator(N8N_UI.viewBinary).first();
		if (!(await view.isVisible())) await output.locator(N8N_UI.binaryTab).click();
		await view.click();
		const img = output.locator('img[src*="/rest/binary-data"]');
		await img.waitFor();
		// Runs in the page: resolves once the picture has loaded (test/ compiles without the DOM types).
		await img.evaluate(async (node: unknown) => {
			const el = node as PreviewImage;
			if (el.complete && el.naturalWidth > 0) return;
			await new Promise((resolve, reject) => {
				el.addEventListener('load', resolve);
				el.addEventListener('error', () => reject(new Error(`preview ${el.src} did not load`)));
			});
		});
		return img;
	}

	/** What a URL gives with the editor's session (e.g. a preview's bytes). */
	async fetchBytes(url: string): Promise<Buffer> {
		const res = await this.page.context().request.get(url);
		if (!res.ok()) throw new Error(`GET ${url} answered ${res.status()}`);
		return await res.body();
	}

	/** The Webhook URLs section of a trigger's panel, on its Production URL: resolves with the URL shown. */
	async productionWebhookUrl(): Promise<string> {
		const url = this.ndv.locator(N8N_UI.webhookUrl).first();
		if (!(await url.isVisible())) await this.ndv.locator(N8N_UI.webhookUrls).first().click();
		await this.ndv.locator(N8N_UI.productionUrlTab).click();
		await this.page.waitForFunction(
			(el) => !!el && !el.textContent?.includes('/webhook-test/'),
			await url.elementHandle(),
		);
		return (await url.innerText()).trim();
	}

	/** A PNG of the tab into `dir` (made if missing); resolves with its path. */
	async screenshot(dir: string, name: string): Promise<string> {
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${name}.png`);
		// Toasts ("Node executed successfully") would cover the panel's corner.
		for (const close of await this.page.locator(N8N_UI.toastClose).all())
			await close.click().catch(() => undefined);
		// Let transitions settle, and keep the text caret out of the picture.
		await this.page.waitForTimeout(300);
		await this.page.screenshot({ path: file, caret: 'hide', animations: 'disabled' });
		return file;
	}

	/** For a failed step: a screenshot in the temp folder and what the browser complained about. */
	async failureReport(step: string): Promise<string> {
		const dir = path.join(os.tmpdir(), 'aihd-e2e-browser');
		const file = await this.screenshot(dir, step.replace(/\W+/g, '-').slice(0, 60)).catch(
			(e: Error) => `(no screenshot: ${e.message})`,
		);
		return `screenshot: ${file}\nbrowser problems:\n${this.problems.slice(-15).join('\n') || '(none)'}`;
	}
}
