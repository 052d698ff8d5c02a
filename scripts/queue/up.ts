/**
 * n8n in queue mode with this package, by hand: Redis, PostgreSQL, a main and two workers (see
 * test/queue/support/queueCluster.ts), and the Genesys Cloud emulator. Prints the addresses, then waits;
 * Ctrl-C stops everything. Build first: `npm run build`.
 *
 *   npm run queue:up            # then open the printed editor URL (owner: owner@e2e.test / E2eOwnerPassw0rd)
 *   npm run queue:up -- --check # start everything, print the addresses, stop (a smoke test of the environment)
 */
import { startEmulator } from '../../emulator';
import { E2E_OWNER } from '../../test/e2e/support/n8nServer';
import { startQueueCluster } from '../../test/queue/support/queueCluster';

async function main() {
	const check = process.argv.includes('--check');
	const started = Date.now();
	const emu = await startEmulator({ port: 0, knobs: { executionDurationScale: 0.1 } });
	const cluster = await startQueueCluster({ log: (l) => console.log(`[queue] ${l}`) }).catch(
		async (e) => {
			await emu.close();
			throw e;
		},
	);
	const stop = async () => {
		await cluster.stop();
		await emu.close();
	};
	console.log(`[queue] emulator   ${emu.url}`);
	console.log(
		`[queue] n8n main   ${cluster.main.baseUrl} (owner ${E2E_OWNER.email} / ${E2E_OWNER.password})`,
	);
	for (const w of cluster.workers)
		console.log(`[queue] ${w.name}    pid ${w.process.pid}, health :${w.healthPort}`);
	console.log(
		`[queue] redis :${cluster.redis.port}, postgres :${cluster.postgres.port}; up in ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	if (check) {
		await stop();
		console.log('[queue] stopped');
		return;
	}
	const onSignal = () => void stop().then(() => process.exit(0));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	await new Promise(() => undefined);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
