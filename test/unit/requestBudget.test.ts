import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
	budgetFor,
	DECREASE,
	FLOOR,
	HEADROOM,
	RECOVERY_PER_MINUTE,
	RequestBudget,
} from '../../nodes/GenesysCloud/transport/requestBudget';

describe('request budget', () => {
	test('lets requests out evenly at the rate, not in a burst', async () => {
		const budget = new RequestBudget(600); // 10 per second, ~102 ms apart with the headroom
		const started = Date.now();
		const times: number[] = [];
		await Promise.all(
			Array.from({ length: 6 }, () =>
				budget.acquire().then(() => times.push(Date.now() - started)),
			),
		);
		const interval = 60_000 / (600 * HEADROOM);
		assert.ok(times[0] < 30, `the first goes at once (${times[0]} ms)`);
		for (let i = 1; i < times.length; i++) {
			const gap = times[i] - times[i - 1];
			assert.ok(
				gap >= interval - 15 && gap < interval + 40,
				`gap ${i} was ${gap} ms, expected ~${interval.toFixed(0)}`,
			);
		}
	});

	test('a 429 lowers the rate once per pause, never below the floor, and the rate recovers slowly', () => {
		let now = 1_000_000;
		const budget = new RequestBudget(300, () => now);
		const sent = (count: number) => {
			for (let i = 0; i < count; i++) budget['sentSincePause']++;
		};
		sent(10);
		budget.rateLimited(5000);
		assert.equal(budget.ratePerMinute, 300 * DECREASE);
		now += 1000;
		budget.rateLimited(4000); // another request of the same full window: no second cut
		assert.ok(Math.abs(budget.ratePerMinute - 300 * DECREASE) < 1, String(budget.ratePerMinute));
		now += 60_000;
		assert.ok(
			Math.abs(budget.ratePerMinute - 300 * (DECREASE + RECOVERY_PER_MINUTE)) < 1,
			'a minute later, 5% back',
		);
		now += 10_000;
		budget.rateLimited(1000);
		assert.ok(
			budget.ratePerMinute > 300 * DECREASE,
			'a lone request meeting a window not yet reset does not cut',
		);
		for (let i = 0; i < 30; i++) {
			now += 10_000;
			sent(5);
			budget.rateLimited(1000);
		}
		assert.ok(
			budget.ratePerMinute >= 300 * FLOOR - 1e-6 && budget.ratePerMinute < 300 * FLOOR + 10,
		);
		now += 60 * 60_000;
		assert.equal(budget.ratePerMinute, 300, 'recovered fully, but not beyond the configured rate');
	});

	test('a 429 pauses every waiter for its Retry-After', async () => {
		const budget = new RequestBudget(6000);
		await budget.acquire();
		const waited = budget.rateLimited(300);
		assert.ok(waited >= 300 && waited < 550);
		const started = Date.now();
		await budget.acquire();
		assert.ok(Date.now() - started >= 290, `waited ${Date.now() - started} ms`);
	});

	test('the cancel signal ends a wait', async () => {
		const budget = new RequestBudget(60); // one a second
		await budget.acquire();
		const controller = new AbortController();
		const cancelled = budget.acquire(controller.signal);
		controller.abort(new Error('cancelled'));
		await assert.rejects(cancelled, /cancelled/);
	});

	test('one budget per credential identity, shared, taking the newest Requests per Minute', () => {
		const a = budgetFor('unit-test-a', 300);
		assert.equal(budgetFor('unit-test-a', 300), a);
		assert.notEqual(budgetFor('unit-test-b', 300), a);
		budgetFor('unit-test-a', 120);
		assert.equal(a.ratePerMinute, 120);
	});
});
