/**
 * `npm run dev:n8n`: the n8n half of n8n's `n8n-node dev`, on this project's pinned n8n and beside the Genesys
 * Cloud emulator. `npm run dev` (n8n-node dev --external-n8n) rebuilds on every change and links this folder into
 * `.n8n-dev/.n8n/custom/`; this script runs an n8n on that user folder with N8N_DEV_RELOAD, so the editor picks
 * the rebuilt node up. The CLI's own n8n comes from `npx n8n@latest`, which can be a release whose dependencies
 * the registry does not serve, and installs it with every install script (docs/verification.md says more).
 *
 * Run: npm run dev (one terminal), npm run dev:n8n [-- --line 1.x] (another); open http://127.0.0.1:5678.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startEmulator } from '../emulator';
import { quietLocalEnv } from '../test/e2e/support/n8nProcess';
import { killGroup, spawnTracked } from '../test/e2e/support/processes';
import { ensureN8nRuntime, PROJECT_ROOT, selectedLine } from './n8nRuntime';

const DEV_USER_FOLDER = path.join(PROJECT_ROOT, '.n8n-dev');
const lineArg = process.argv.includes('--line')
	? process.argv[process.argv.indexOf('--line') + 1]
	: undefined;

async function main(): Promise<void> {
	const emulator = await startEmulator({ port: 8787 });
	console.log(`Genesys Cloud emulator: ${emulator.url} (OAuth client demo-client / demo-secret)`);
	const runtime = await ensureN8nRuntime({
		line: lineArg ? selectedLine({ N8N_E2E_LINE: lineArg }) : undefined,
	});
	console.log(
		`n8n ${runtime.version} on ${DEV_USER_FOLDER}: http://127.0.0.1:5678 (Ctrl-C stops both)`,
	);
	fs.mkdirSync(DEV_USER_FOLDER, { recursive: true });
	const n8n = spawnTracked(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		cwd: DEV_USER_FOLDER,
		stdio: 'inherit',
		env: {
			...process.env,
			...quietLocalEnv(),
			PATH: runtime.pathEnv,
			N8N_USER_FOLDER: DEV_USER_FOLDER,
			N8N_DEV_RELOAD: 'true',
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
