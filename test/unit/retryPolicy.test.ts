import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { HttpFailure } from '../../nodes/GenesysCloud/transport/failure';
import { backoffMs, decide, retryAfterMs } from '../../nodes/GenesysCloud/transport/retryPolicy';

function failure(partial: Partial<HttpFailure>): HttpFailure {
	return { headers: {}, cancelled: false, original: undefined, ...partial };
}

describe('retry policy', () => {
	test('a launch is retried only when the flow certainly did not start', () => {
		assert.equal(decide(failure({ status: 429 }), false).action, 'waitRateLimit');
		assert.equal(decide(failure({ status: 503 }), false).action, 'retry');
		assert.equal(decide(failure({ networkCode: 'ECONNREFUSED' }), false).action, 'retry');
		for (const status of [500, 502, 504])
			assert.equal(decide(failure({ status }), false).action, 'ambiguous');
		for (const networkCode of ['ECONNRESET', 'ETIMEDOUT', 'EPIPE']) {
			assert.equal(decide(failure({ networkCode }), false).action, 'ambiguous');
		}
	});

	test('reads are retried after 5xx and any network error', () => {
		for (const status of [500, 502, 503, 504])
			assert.equal(decide(failure({ status }), true).action, 'retry');
		assert.equal(decide(failure({ networkCode: 'ECONNRESET' }), true).action, 'retry');
	});

	test('client errors, token errors and cancellations are final', () => {
		for (const status of [400, 403, 404, 410, 413])
			assert.equal(decide(failure({ status }), true).action, 'fail');
		assert.equal(decide(failure({ tokenError: { message: 'x' } }), true).action, 'fail');
		assert.equal(decide(failure({ status: 503, cancelled: true }), true).action, 'fail');
		assert.equal(decide(failure({ status: 401 }), false).action, 'renewToken');
	});

	test('Retry-After is read in seconds or as a date, with a 3 s default', () => {
		assert.equal(retryAfterMs(failure({ headers: { 'retry-after': '2' } })), 2000);
		assert.equal(retryAfterMs(failure({})), 3000);
		const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
		const fromDate = retryAfterMs(failure({ headers: { 'retry-after': inFiveSeconds } }));
		assert.ok(fromDate > 3000 && fromDate <= 5000, String(fromDate));
	});

	test('backoff grows exponentially with jitter and is capped', () => {
		assert.equal(
			backoffMs(1, () => 0),
			250,
		);
		assert.equal(
			backoffMs(1, () => 1),
			500,
		);
		assert.equal(
			backoffMs(3, () => 1),
			2000,
		);
		assert.equal(
			backoffMs(10, () => 1),
			8000,
		);
	});
});
