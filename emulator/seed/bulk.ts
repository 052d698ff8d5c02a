/**
 * Generates the bulk flows (100+) that exercise paging and name search. Deterministic: the same config always
 * yields the same ids and names ("Bulk workflow 001", "Bulk inbound call 010", ...).
 */
import { bulkFlowId } from './ids';
import type { SeedBulkFlows, SeedFlow } from './model';

const CREATED = 1735689600000;

export function generateBulkFlows(config: SeedBulkFlows, defaultDivisionId: string): SeedFlow[] {
	const flows: SeedFlow[] = [];
	for (let n = 1; n <= config.count; n++) {
		const number = String(n).padStart(3, '0');
		const kind =
			config.inboundCallEvery && n % config.inboundCallEvery === 0
				? { type: 'INBOUNDCALL', label: 'inbound call' }
				: config.inboundChatEvery && n % config.inboundChatEvery === 0
					? { type: 'INBOUNDCHAT', label: 'inbound chat' }
					: { type: 'WORKFLOW', label: 'workflow' };
		const isWorkflow = kind.type === 'WORKFLOW';
		const group = ['alpha', 'beta', 'gamma'][n % 3];
		flows.push({
			id: bulkFlowId(n),
			name: `Bulk ${kind.label} ${number}`,
			description: `Generated ${kind.label} #${n} (group ${group}) for paging and search.`,
			type: kind.type,
			divisionId: config.divisionId ?? defaultDivisionId,
			active: true,
			deleted: false,
			publishedVersion: '1.0',
			checkedInVersion: '1.0',
			versions: [
				{
					id: '1.0',
					name: '1.0',
					type: 'PUBLISH',
					dateCreated: CREATED + n * 60_000,
					datePublished: new Date(CREATED + n * 60_000 + 30_000).toISOString(),
					...(isWorkflow && {
						inputSchema: {
							$schema: 'http://json-schema.org/draft-04/schema#',
							title: `Bulk workflow ${number} - Input`,
							type: 'object',
							properties: {
								'Flow.recordId': { type: 'string', description: 'Any record id; echoed back.' },
							},
							required: [],
							additionalProperties: true,
						},
						outputSchema: {
							$schema: 'http://json-schema.org/draft-04/schema#',
							title: `Bulk workflow ${number} - Output`,
							type: 'object',
							properties: { 'Flow.recordId': { type: 'string' } },
							required: [],
							additionalProperties: true,
						},
					}),
				},
			],
			...(isWorkflow && {
				run: {
					durationMs: 500,
					outcome: 'COMPLETED' as const,
					outputs: { 'Flow.recordId': { copy: 'Flow.recordId' } },
				},
			}),
		});
	}
	return flows;
}
