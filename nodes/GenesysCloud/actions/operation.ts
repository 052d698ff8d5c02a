import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { GenesysApi } from '../api/genesysApi';

/** What every operation of a node run shares: one API client (token, request budget, request slots). */
export interface RunContext {
	api: GenesysApi;
}

export type OperationOutput = IDataObject | IDataObject[];

/** Items in progress at once, by default a little more than the requests allowed at once, so no slot idles. */
export const ITEMS_PER_REQUEST_SLOT = 2;

interface Steps<Prepared, State> {
	/**
	 * Work that must succeed for every item before anything is sent (validation, reading schemas), so that a bad
	 * item stops the run before any item changed anything in Genesys Cloud.
	 */
	prepare?: (this: IExecuteFunctions, state: State, itemIndex: number) => Promise<Prepared>;
	execute: (
		this: IExecuteFunctions,
		state: State,
		itemIndex: number,
		prepared: Prepared,
	) => Promise<OperationOutput>;
	/** Items to keep in progress at once, when the operation needs another number (waits sleep long). */
	itemWindow?: (this: IExecuteFunctions, maxConcurrentRequests: number) => number;
	/** What to add to the error that stops the run, e.g. the work already done that stays done. */
	haltNote?: (state: State, failedItemIndex: number) => string | undefined;
}

type Start<State> = (this: IExecuteFunctions, run: RunContext) => State;

/**
 * An operation in the Airtable v2 layout: its per-item work, typed from `prepare` to `execute`, and the state
 * of one run (made by `start`, which an operation needs only when its state is more than the run context).
 */
export type Operation<Prepared = undefined, State extends RunContext = RunContext> = Steps<
	Prepared,
	State
> &
	(RunContext extends State ? { start?: Start<State> } : { start: Start<State> }) &
	(undefined extends Prepared
		? unknown
		: { prepare: NonNullable<Steps<Prepared, State>['prepare']> });

/** One run of an operation over the input items, as the router drives it; the types stay inside. */
export interface OperationRun {
	itemWindow: number;
	prepare?: (itemIndex: number) => Promise<void>;
	execute: (itemIndex: number) => Promise<OperationOutput>;
	haltNote: (failedItemIndex: number) => string | undefined;
}

export type RunnableOperation = (
	ctx: IExecuteFunctions,
	run: RunContext,
	maxConcurrentRequests: number,
) => OperationRun;

export function defineOperation<Prepared = undefined, State extends RunContext = RunContext>(
	operation: Operation<Prepared, State>,
): RunnableOperation {
	return (ctx, run, maxConcurrentRequests) => {
		const { start, prepare, execute, itemWindow, haltNote } = operation as Steps<
			Prepared,
			State
		> & {
			start?: Start<State>;
		};
		// The type above requires `start` whenever State is more than the run context.
		const state = start ? start.call(ctx, run) : (run as State);
		const prepared: Prepared[] = [];
		return {
			itemWindow:
				itemWindow?.call(ctx, maxConcurrentRequests) ??
				maxConcurrentRequests * ITEMS_PER_REQUEST_SLOT,
			prepare: prepare
				? async (itemIndex) => {
						prepared[itemIndex] = await prepare.call(ctx, state, itemIndex);
					}
				: undefined,
			execute: async (itemIndex) => await execute.call(ctx, state, itemIndex, prepared[itemIndex]),
			haltNote: (failedItemIndex) => haltNote?.(state, failedItemIndex),
		};
	};
}
