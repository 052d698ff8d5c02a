import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LaunchTargets } from '../flowInputs/launchTargets';
import type { GenesysClient } from '../transport/genesysClient';

/** What the items of one node run share: one client (token, pacing), one read of each flow's schema. */
export interface RunContext {
	client: GenesysClient;
	targets: LaunchTargets;
	/** Items whose launch Genesys Cloud accepted in this run, for the message of an error that stops the run. */
	launched: Set<number>;
}

export type OperationOutput = IDataObject | IDataObject[];

/** An operation in the Airtable v2 layout: its own parameters, and the per-item work. */
export interface Operation {
	/** Work that must succeed for every item before anything is sent (validation, reading schemas). */
	prepare?: (this: IExecuteFunctions, run: RunContext, itemIndex: number) => Promise<unknown>;
	execute: (this: IExecuteFunctions, run: RunContext, itemIndex: number, prepared: unknown) => Promise<OperationOutput>;
	/** Items to keep in progress at once, when the operation needs more than the default (waits sleep long). */
	itemWindow?: (this: IExecuteFunctions, maxConcurrentRequests: number) => number;
}
