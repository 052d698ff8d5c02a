/**
 * `npm run dev:n8n`: the n8n half of n8n's `n8n-node dev`, on this project's pinned n8n and beside the Genesys
 * Cloud emulator. `npm run dev` (n8n-node dev --external-n8n) rebuilds `dist/` on every change; this script links
 * this folder into `.n8n-dev/.n8n/nodes/` as an installed community package and runs an n8n on that user folder.
 * Restart it (about 10 s) to load a rebuilt node: n8n's hot reload (N8N_DEV_RELOAD) watches a package's whole
 * folder, which here holds the dev database too, and reloads in a loop.
 *
 * Why not the CLI's own n8n: it comes from `npx n8n@latest`, which can be a release whose dependencies the
 * registry does not serve (2.41.3 today). And why not the CLI's link (`<folder>/.n8n/custom/node_modules/`):
 * n8n globs its custom folder for `*.node.js` through symlinks, into this project's node_modules (1,000
 * packages, n8n itself among them), and did not finish starting in 150 s here. A package in `nodes/` is read
 * through its package.json instead (docs/verification.md).
 *
 * Run: npm run dev (one terminal), npm run dev:n8n [-- --line 1.x] (another); open http://127.0.0.1:5678.
 */
import * as path from 'node:path';

import { startEmulator } from '../emulator';
import { quietLocalEnv } from '../test/e2e/support/n8nProcess';
import { linkProject } from '../test/e2e/support/installPackage';
import { killGroup, spawnTracked } from '../test/e2e/support/processes';
import { ensureN8nRuntime, lineFromArgs, PROJECT_ROOT } from './n8nRuntime';

const DEV_USER_FOLDER = path.join(PROJECT_ROOT, '.n8n-dev');

async function main(): Promise<void> {
	const emulator = await startEmulator({ port: 8787 });
	console.log(`Genesys Cloud emulator: ${emulator.url} (OAuth client demo-client / demo-secret)`);
	const runtime = await ensureN8nRuntime({ line: lineFromArgs() });
	console.log(
		`n8n ${runtime.version} on ${DEV_USER_FOLDER}: http://127.0.0.1:5678 (Ctrl-C stops both)`,
	);
	linkProject(path.join(DEV_USER_FOLDER, '.n8n', 'nodes'));
	const n8n = spawnTracked(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		cwd: DEV_USER_FOLDER,
		stdio: 'inherit',
		env: {
			...process.env,
			...quietLocalEnv(),
			PATH: runtime.pathEnv,
			N8N_USER_FOLDER: DEV_USER_FOLDER,
			N8N_PORT: '5678',
		},
	});
	const stop = () => {
		killGroup(n8n);
		void emulator.close();
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	n8n.once('exit', (code) => {
		void emulator.close();
		process.exitCode = code ?? 0;
	});
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
