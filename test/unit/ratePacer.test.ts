import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { RatePacer } from '../../nodes/GenesysCloud/transport/ratePacer';

describe('rate pacer', () => {
	test('pauses every caller until the window resets once the remaining budget is in flight', async () => {
		const pacer = new RatePacer();
		await pacer.acquire();
		await pacer.acquire();
		// One request still in flight and one request left in the window: stop sending for 300 ms.
		pacer.release({ 'inin-ratelimit-allowed': '10', 'inin-ratelimit-count': '9', 'inin-ratelimit-reset': '0.3' });
		const started = Date.now();
		await pacer.acquire();
		assert.ok(Date.now() - started >= 250, `waited ${Date.now() - started} ms`);
	});

	test('does not pause while the window has room', async () => {
		const pacer = new RatePacer();
		await pacer.acquire();
		pacer.release({ 'inin-ratelimit-allowed': '300', 'inin-ratelimit-count': '12', 'inin-ratelimit-reset': '40' });
		const started = Date.now();
		await pacer.acquire();
		assert.ok(Date.now() - started < 50);
	});

	test('a 429 pauses everyone for Retry-After plus jitter, and the cancel signal ends the wait', async () => {
		const pacer = new RatePacer();
		const waited = pacer.rateLimited(10_000);
		assert.ok(waited >= 10_000 && waited < 10_250);
		const controller = new AbortController();
		const pending = pacer.acquire(controller.signal);
		controller.abort(new Error('cancelled'));
		await assert.rejects(pending, /cancelled/);
	});
});
