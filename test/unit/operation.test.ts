/**
 * defineOperation: what each item's prepare returned reaches that item's execute, the run state is made once,
 * and the types refuse an operation that forgets its `start` or `prepare` (checked by `npm run typecheck`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { GenesysApi } from '../../nodes/GenesysCloud/api/genesysApi';
import { defineOperation, type RunContext } from '../../nodes/GenesysCloud/actions/operation';

// The operations below never touch n8n or the API: the wiring is what is under test.
const ctx = {} as IExecuteFunctions;
const run: RunContext = { api: {} as GenesysApi };

interface CountingRun extends RunContext {
	starts: number;
	done: Set<number>;
}

let starts = 0;
const counting = defineOperation<string, CountingRun>({
	start: (base) => ({ ...base, starts: ++starts, done: new Set() }),
	prepare: async (_state, itemIndex) => `prepared ${itemIndex}`,
	execute: async (state, itemIndex, prepared) => {
		state.done.add(itemIndex);
		return { prepared, starts: state.starts };
	},
	haltNote: (state, failed) => `${[...state.done].filter((index) => index !== failed).length} done`,
});

describe('defineOperation', () => {
	test("each item's execute gets that item's prepared value, out of order too", async () => {
		const operation = counting(ctx, run, 10);
		await Promise.all([2, 0, 1].map((itemIndex) => operation.prepare?.(itemIndex)));
		const outputs = await Promise.all([1, 2, 0].map((itemIndex) => operation.execute(itemIndex)));
		assert.deepEqual(
			outputs.map((output) => (output as { prepared: string }).prepared),
			['prepared 1', 'prepared 2', 'prepared 0'],
		);
	});

	test('the state is made once per run, and the halt note reads it', async () => {
		const before = starts;
		const operation = counting(ctx, run, 10);
		assert.equal(starts, before + 1);
		await operation.prepare?.(0);
		await operation.prepare?.(1);
		assert.deepEqual(await operation.execute(0), { prepared: 'prepared 0', starts: before + 1 });
		await operation.execute(1);
		assert.equal(operation.haltNote(1), '1 done');
		assert.equal(counting(ctx, run, 10).haltNote(0), '0 done', 'a new run starts afresh');
	});

	test('without prepare, start, itemWindow or haltNote: the run context, two items per request slot', async () => {
		const plain = defineOperation({ execute: async (state) => ({ same: state === run }) })(
			ctx,
			run,
			7,
		);
		assert.equal(plain.prepare, undefined);
		assert.equal(plain.itemWindow, 14);
		assert.equal(plain.haltNote(0), undefined);
		assert.deepEqual(await plain.execute(0), { same: true });
	});

	test('an operation may set its own item window', () => {
		const waiting = defineOperation({
			execute: async () => ({}),
			itemWindow: (slots) => slots * 100,
		});
		assert.equal(waiting(ctx, run, 3).itemWindow, 300);
	});

	test('the types refuse a missing start or prepare', () => {
		// @ts-expect-error -- a state beyond the run context needs the start that makes it
		defineOperation<undefined, CountingRun>({ execute: async () => ({}) });
		// @ts-expect-error -- an execute that takes a prepared value needs the prepare that makes it
		defineOperation<string>({
			execute: async (_state, _itemIndex, prepared: string) => ({ prepared }),
		});
		assert.ok(true, 'checked by the type-check of npm test');
	});
});
