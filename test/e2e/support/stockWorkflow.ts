/** A workflow made only of n8n's own nodes (Manual Trigger → Set), to test the toolkit without the package. */
import type { WorkflowImport } from './n8nProcess';

export const STOCK_SET_NODE = 'Set greeting';

export function stockWorkflow(id = 'e2eStockWorkflow1'): WorkflowImport {
	return {
		id,
		name: 'E2E stock: Manual Trigger → Set',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			'When clicking ‘Execute workflow’': {
				main: [[{ node: STOCK_SET_NODE, type: 'main', index: 0 }]],
			},
		},
		nodes: [
			{
				id: '0f5532f9-36ba-4bef-86c7-30d607400b15',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '1c0b4c6d-5f1e-4a57-9e7e-1d3b6a2f8c11',
				name: STOCK_SET_NODE,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'a1', name: 'greeting', value: 'hello from n8n', type: 'string' },
							{ id: 'a2', name: 'answer', value: 42, type: 'number' },
						],
					},
					options: {},
				},
			},
		],
	};
}
