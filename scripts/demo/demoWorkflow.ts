import * as fs from 'node:fs';
import * as path from 'node:path';

import type { CredentialImport, WorkflowImport } from '../../test/e2e/support';

export const DEMO_WORKFLOW_ID = 'genesysDemoWorkflow';
export const DEMO_CREDENTIAL_ID = 'genesys-cloud-emulator';
export const GENESYS_NODE = 'Genesys Cloud';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'launchPerCustomer.json');

/** The credential the demo workflow uses: the emulator's demo client, through the Custom region. */
export function demoCredential(emulatorUrl: string): CredentialImport {
	return {
		id: DEMO_CREDENTIAL_ID,
		name: 'Genesys Cloud (local emulator)',
		type: 'genesysCloudOAuth2Api',
		data: {
			region: 'custom',
			apiBaseUrl: emulatorUrl,
			loginBaseUrl: emulatorUrl,
			clientId: 'demo-client',
			clientSecret: 'demo-secret',
			scope: 'flow:execute',
		},
	};
}

/** The README's example workflow, as the demo imports it. */
export function demoWorkflow(): WorkflowImport {
	const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as WorkflowImport;
	return { ...example, id: DEMO_WORKFLOW_ID };
}
