/**
 * `npm start`: the Genesys Cloud emulator and a real n8n with this package installed, a ready credential and
 * the demo workflow; runs the workflow once, prints its result, then keeps n8n open for editing until Ctrl-C.
 */
import * as net from 'node:net';

import { startEmulator, type RunningEmulator } from '../../emulator';
import {
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	installProject,
	setupOwner,
	startN8nServer,
	type N8nHome,
	type N8nServer,
} from '../../test/e2e/support';
import { DEMO_WORKFLOW_ID, demoCredential, demoWorkflow } from './demoWorkflow';
import { printResult } from './printResult';

/** The editor login of this local demo instance (it listens on 127.0.0.1 only). */
const DEMO_OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Builder',
	password: 'GenesysDemo1',
};

const log = (line: string) => console.log(line);

function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = net.createServer().once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

async function main(): Promise<void> {
	/** What has started so far: a Ctrl-C at any point stops exactly that. */
	const started: { emulator?: RunningEmulator; home?: N8nHome; server?: N8nServer } = {};
	const stop = async () => {
		log('\nStopping n8n and the emulator...');
		await started.server?.stop();
		await started.emulator?.close();
		started.home?.cleanup();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());

	const emulator = await startEmulator({ port: (await portIsFree(8787)) ? 8787 : 0 });
	started.emulator = emulator;
	log(`Genesys Cloud emulator: ${emulator.url} (OAuth client demo-client / demo-secret)`);

	log('Preparing n8n (the first run installs the pinned n8n: about 5 minutes, once)...');
	const home = await createN8nHome({ prefix: 'demo', log });
	started.home = home;
	await installProject(home.nodesDir);
	await importCredentials(home, [demoCredential(emulator.url)]);
	await importWorkflow(home, demoWorkflow());

	log(
		'Running "Launch a Genesys workflow for each customer" (Genesys Cloud node: launch + wait for outputs)...',
	);
	const ran = printResult(
		await executeWorkflow(home, DEMO_WORKFLOW_ID, { timeoutMs: 180_000 }),
		log,
	);

	log('Starting the n8n editor...');
	const server = await startN8nServer(home, { log });
	started.server = server;
	await setupOwner(server, DEMO_OWNER);
	log('');
	log(`n8n is ready: ${server.baseUrl}/workflow/${DEMO_WORKFLOW_ID}`);
	log(`Sign in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password} (a local demo account).`);
	log(
		'Open the Genesys Cloud node to see the flow list and its Trigger Data fields. Press Ctrl-C to stop.',
	);
	if (!ran) process.exitCode = 1;
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
