import type { ExecuteResult } from '../../test/e2e/support';
import { nodeOutput, runErrorMessage } from '../../test/e2e/support';
import { GENESYS_NODE } from './demoWorkflow';

function cell(value: unknown, width: number): string {
	const text = value === undefined || value === null ? '' : String(value);
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** The demo run as a short table: one line per customer, with the flow's outputs. */
export function printResult(result: ExecuteResult, log: (line: string) => void): boolean {
	if (!result.run) {
		log('The demo workflow did not run. n8n said:');
		log(result.stderr.split('\n').slice(-20).join('\n'));
		return false;
	}
	if (!result.ok) {
		log(`The demo workflow failed: ${runErrorMessage(result.run) ?? 'unknown error'}`);
		return false;
	}
	const items = nodeOutput(result.run, GENESYS_NODE);
	log('');
	log(
		`${cell('execution', 38)} ${cell('status', 10)} ${cell('ticket', 7)} ${cell('escalated', 9)} greeting`,
	);
	for (const item of items) {
		const outputs = (item.outputs ?? {}) as Record<string, unknown>;
		log(
			`${cell(item.executionId, 38)} ${cell(item.status, 10)} ${cell(outputs.ticketNumber, 7)} ${cell(outputs.escalated, 9)} ${cell(outputs.greeting, 70)}`,
		);
	}
	log('');
	return true;
}
