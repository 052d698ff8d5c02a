/**
 * The real n8n editor in headless Chromium (Debian's `chromium` package, driven by playwright-core):
 * sign in, open a workflow, open a node's panel (NDV), read its parameters, take screenshots.
 * Selectors are n8n 2.41's own `data-test-id`s (the ones n8n's Playwright suite uses).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { E2E_OWNER } from './n8nServer';
import { makeTempDir, type TempDir } from './tempDir';

/** The names Debian's and Ubuntu's Chromium packages give the browser (scripts/systemPackages.sh installs it). */
const CHROMIUM_NAMES = ['chromium', 'chromium-browser'];

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** The Chromium binary: $CHROMIUM_PATH, else Debian's or Ubuntu's on PATH. Throws saying how to install it. */
export function findChromium(): string {
	const folders = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin'].filter(Boolean);
	const candidates = [
		process.env.CHROMIUM_PATH,
		...folders.flatMap((folder) => CHROMIUM_NAMES.map((name) => path.join(folder, name))),
	].filter((p): p is string => !!p);
	const found = candidates.find((p) => fs.existsSync(p));
	if (!found) {
		throw new Error(
			`Chromium not found (looked for ${CHROMIUM_NAMES.join(', ')} on PATH and $CHROMIUM_PATH). ` +
				'Run `bash scripts/systemPackages.sh` (as root it installs it; `npm test` runs it first).',
		);
	}
	return found;
}

export interface EditorOptions {
	/** Default timeout of every page action and wait. Default 30 s. */
	timeoutMs?: number;
	viewport?: { width: number; height: number };
}

export class Editor {
	/** Browser console errors and failed page requests, for failure messages. */
	readonly problems: string[] = [];

	private constructor(
		readonly context: BrowserContext,
		readonly page: Page,
		private readonly profile: TempDir,
	) {
		page.on('console', (msg) => {
			if (msg.type() === 'error') this.problems.push(`console: ${msg.text()}`);
		});
		page.on('pageerror', (err) => this.problems.push(`pageerror: ${err.message}`));
	}

	/** Launches Chromium with a fresh profile (`--user-data-dir` in `.tmp/`). Close it with `close()`. */
	static async launch(options: EditorOptions = {}): Promise<Editor> {
		const executablePath = findChromium();
		const profile = makeTempDir('chromium-profile');
		try {
			const context = await chromium.launchPersistentContext(profile.path, {
				executablePath,
				headless: true,
				args: CHROMIUM_ARGS,
				viewport: options.viewport ?? { width: 1440, height: 900 },
				timeout: 60_000,
			});
			context.setDefaultTimeout(options.timeoutMs ?? 30_000);
			const page = context.pages()[0] ?? (await context.newPage());
			return new Editor(context, page, profile);
		} catch (error) {
			profile.remove();
			throw error;
		}
	}

	/**
	 * Signs in through the sign-in form (the owner must exist: see `setupOwner`). With `redirectPath`
	 * (e.g. `/workflow/<id>`) the editor goes there right after signing in, without a second page load
	 * (each full load of the editor fetches a few hundred scripts: ~10 s on a small machine).
	 */
	async signIn(
		baseUrl: string,
		user: { email: string; password: string } = E2E_OWNER,
		redirectPath?: string,
	): Promise<void> {
		const query = redirectPath ? `?redirect=${encodeURIComponent(redirectPath)}` : '';
		await this.page.goto(`${baseUrl}/signin${query}`);
		const form = this.page.locator('[data-test-id="signin-form"]');
		await form.locator('input[name="emailOrLdapLoginId"]').fill(user.email);
		await form.locator('input[name="password"]').fill(user.password);
		await form.locator('[data-test-id="form-submit-button"]').click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}

	/** Signs in and opens a stored workflow in one page load; waits until its nodes are on the canvas. */
	async signInToWorkflow(
		baseUrl: string,
		workflowId: string,
		user: { email: string; password: string } = E2E_OWNER,
	): Promise<void> {
		await this.signIn(baseUrl, user, `/workflow/${encodeURIComponent(workflowId)}`);
		await this.page.locator('[data-test-id="canvas-node"]').first().waitFor();
	}

	/** Opens a stored workflow (a full page load) and waits until its nodes are on the canvas. */
	async openWorkflow(baseUrl: string, workflowId: string): Promise<void> {
		await this.page.goto(`${baseUrl}/workflow/${encodeURIComponent(workflowId)}`);
		await this.page.locator('[data-test-id="canvas-node"]').first().waitFor();
	}

	/** The canvas node with this name. */
	canvasNode(nodeName: string): Locator {
		return this.page.locator(
			`[data-test-id="canvas-node"][data-node-name="${cssString(nodeName)}"]`,
		);
	}

	/** Opens the node's panel (double-click on the canvas node) and waits for its parameters. */
	async openNode(nodeName: string): Promise<Locator> {
		await this.canvasNode(nodeName).dblclick();
		const ndv = this.ndv();
		await ndv.locator('[data-test-id="node-parameters"]').waitFor();
		return ndv;
	}

	/**
	 * Adds a node through the node creator ("+" → search → item) and waits for its panel. Community nodes open a
	 * "Node details" pane first (Installed · Via npm): with `action` (the action's label, e.g. "Launch a workflow")
	 * that action is clicked in the pane's Actions list, else its "Add to workflow" button. A search hit is a
	 * `node-creator-node-item`, or a `node-creator-action-item` for nodes with actions (n8n 2.41).
	 */
	async addNode(search: string, itemName: string, action?: string): Promise<Locator> {
		await this.page.locator('[data-test-id="node-creator-plus-button"]').click();
		const creator = this.page.locator('[data-test-id="node-creator"]');
		await creator.locator('[data-test-id="node-creator-search-bar"]').fill(search);
		const itemName_ = this.page.locator('[data-test-id="node-creator-item-name"]', {
			hasText: itemName,
		});
		await creator
			.locator('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]')
			.filter({ has: itemName_ })
			.first()
			.click();
		const addToWorkflow = creator.getByRole('button', { name: 'Add to workflow' });
		const ndvParameters = this.ndv().locator('[data-test-id="node-parameters"]');
		// An action is listed as a `node-creator-action-item` (node creator) or an `item-iterator-item` (the
		// community node's "Node details" pane), named by its `node-creator-item-name`.
		const actionItem = action
			? creator
					.locator('[data-test-id="node-creator-action-item"], [data-test-id="item-iterator-item"]')
					.filter({
						has: this.page.locator('[data-test-id="node-creator-item-name"]', {
							hasText: new RegExp(`^\\s*${escapeRegExp(action)}\\s*$`),
						}),
					})
					.first()
			: undefined;
		// Whichever comes first: the node's panel, the community "Node details" pane, or its action list.
		// The losers keep waiting until their timeout: their rejection is caught (the panel wait below reports).
		const next = await Promise.race([
			ndvParameters.waitFor().then(
				() => 'ndv' as const,
				() => 'timeout' as const,
			),
			addToWorkflow.waitFor().then(
				() => 'details' as const,
				() => 'timeout' as const,
			),
			...(actionItem
				? [
						actionItem.waitFor().then(
							() => 'action' as const,
							() => 'timeout' as const,
						),
					]
				: []),
		]);
		if (actionItem && (next === 'action' || next === 'details')) await actionItem.click();
		else if (next === 'details') await addToWorkflow.click();
		await ndvParameters.waitFor();
		return this.ndv();
	}

	/** The open node panel. */
	ndv(): Locator {
		return this.page.locator('[data-test-id="ndv"]');
	}

	/** Closes the open node panel (n8n 1.x's panel names its close button "back to canvas"). */
	async closeNode(): Promise<void> {
		await this.page
			.locator('[data-test-id="ndv-close-button"], [data-test-id="back-to-canvas"]')
			.first()
			.click();
		await this.ndv().waitFor({ state: 'hidden' });
	}

	/** A parameter's row in the open panel (label, input, hints), by the parameter's name. */
	parameter(name: string): Locator {
		return this.ndv().locator(`[data-test-id="parameter-input-${cssString(name)}"]`);
	}

	/**
	 * What the fields in `scope` (default: the open panel) show: input and textarea values and the text of
	 * code/expression editors (parameter values are not in the panel's textContent).
	 */
	async fieldValues(scope: Locator = this.ndv()): Promise<string[]> {
		return await scope.locator('input, textarea, [contenteditable="true"]').evaluateAll((els) =>
			els.map((el) => {
				const value = (el as unknown as { value?: unknown }).value;
				return typeof value === 'string' ? value : (el.textContent ?? '');
			}),
		);
	}

	/** Saves a PNG (the page, or one element) and returns its path; creates the folder. */
	async screenshot(file: string, target?: Locator): Promise<string> {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		// Let transitions and lazy icons settle.
		await this.page.waitForTimeout(300);
		if (target) await target.screenshot({ path: file });
		else await this.page.screenshot({ path: file });
		return file;
	}

	/** Closes the browser and removes its profile; never throws. */
	async close(): Promise<void> {
		await Promise.race([
			this.context.close().catch(() => undefined),
			new Promise((resolve) => setTimeout(resolve, 15_000).unref()),
		]);
		this.profile.remove();
	}
}

function escapeRegExp(value: string): string {
	return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cssString(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
