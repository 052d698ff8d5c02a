/**
 * Temp folders for e2e runs, removed by their owner (set KEEP_E2E_TMP=1 to keep them for debugging).
 *
 * - Scratch (tarballs, browser profiles, screenshots): under the git-ignored `.tmp/` of the project.
 * - n8n instance folders (N8N_USER_FOLDER): OUTSIDE the project tree, in `$TMPDIR/n8n-nodes-genesys-cloud-e2e/`
 *   (or N8N_E2E_INSTANCE_DIR). A package installed in `<N8N_USER_FOLDER>/.n8n/nodes/node_modules` resolves
 *   `n8n-workflow` by walking up the folders before trying n8n's NODE_PATH; inside the project the walk finds the
 *   project's own dev copy (`node_modules/n8n-workflow`) instead of n8n's, which a real install never does.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
export const TMP_ROOT = path.join(PROJECT_ROOT, '.tmp');
export const INSTANCE_ROOT =
	process.env.N8N_E2E_INSTANCE_DIR ?? path.join(os.tmpdir(), 'n8n-nodes-genesys-cloud-e2e');

export interface TempDir {
	path: string;
	remove(): void;
}

function make(root: string, prefix: string): TempDir {
	fs.mkdirSync(root, { recursive: true });
	const dir = fs.mkdtempSync(path.join(root, `${prefix}-`));
	return {
		path: dir,
		remove() {
			if (process.env.KEEP_E2E_TMP) return;
			fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
		},
	};
}

/** A fresh scratch folder `.tmp/<prefix>-XXXXXX`. */
export function makeTempDir(prefix: string): TempDir {
	return make(TMP_ROOT, prefix);
}

/** A fresh folder for an n8n instance, where no `node_modules` above it can shadow n8n's own modules. */
export function makeInstanceDir(prefix: string): TempDir {
	const shadowing = nodeModulesAbove(INSTANCE_ROOT);
	if (shadowing) {
		throw new Error(
			`n8n instance folders must not be below a node_modules folder's parent (found ${shadowing}): ` +
				'an installed package would resolve n8n-workflow from there instead of from n8n. ' +
				'Set N8N_E2E_INSTANCE_DIR to a folder outside the project.',
		);
	}
	return make(INSTANCE_ROOT, prefix);
}

/** The first `node_modules` folder Node's resolution would find walking up from `dir`, if any. */
export function nodeModulesAbove(dir: string): string | undefined {
	let current = path.resolve(dir);
	for (;;) {
		const candidate = path.join(current, 'node_modules');
		if (fs.existsSync(candidate)) return candidate;
		const parent = path.dirname(current);
		if (parent === current) return undefined;
		current = parent;
	}
}
