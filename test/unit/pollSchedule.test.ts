import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
	firstPollDelay,
	flowKey,
	nextPollDelay,
	recordDuration,
} from '../../nodes/GenesysCloud/actions/flowExecution/pollSchedule';

describe('nextPollDelay: the Poll Interval while young, then 1.5× per 30 s up to the cap', () => {
	// [what the row proves, Poll Interval ms, elapsed ms, expected delay ms]
	const table: Array<[string, number, number, number]> = [
		['at the start: the interval', 1000, 0, 1000],
		['just before 30 s: still the interval', 1000, 29_999, 1000],
		['at 30 s: 1.5×', 1000, 30_000, 1500],
		['just before 60 s: still 1.5×', 1000, 59_999, 1500],
		['at 60 s: 1.5² ×', 1000, 60_000, 2250],
		['at 90 s: 1.5³ ×', 1000, 90_000, 3375],
		['at 240 s: 1.5⁸ ×, just under the cap', 1000, 240_000, 25_628.906_25],
		['at 270 s: 1.5⁹ × would pass 30 s, so the cap', 1000, 270_000, 30_000],
		['an hour in: the cap', 1000, 3_600_000, 30_000],
		['a 5 s interval while young', 5000, 10_000, 5000],
		['a 5 s interval at 30 s', 5000, 30_000, 7500],
		['a 20 s interval reaches the cap exactly at 30 s', 20_000, 30_000, 30_000],
		['a 25 s interval is capped at 30 s', 25_000, 30_000, 30_000],
		['an interval above the cap while young', 60_000, 0, 60_000],
		['an interval above the cap is its own cap at 30 s', 60_000, 30_000, 60_000],
		['an interval above the cap never grows', 60_000, 600_000, 60_000],
		['a zero interval stays zero', 0, 120_000, 0],
		['a negative elapsed time (clock step) is young', 1000, -5, 1000],
	];
	for (const [name, pollIntervalMs, elapsedMs, delay] of table) {
		test(`${name}: (${pollIntervalMs} ms, ${elapsedMs} ms) → ${delay} ms`, () => {
			assert.equal(nextPollDelay({ pollIntervalMs, timeoutMs: 600_000 }, elapsedMs), delay);
		});
	}
});

describe('firstPollDelay: learned from recorded durations, else the Poll Interval', () => {
	const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

	// [what the row proves, executions as [dateLaunched, dateCompleted], Poll Interval ms, expected first delay ms]
	const table: Array<[string, Array<[string | undefined, string | undefined]>, number, number]> = [
		['nothing known: the Poll Interval', [], 2000, 2000],
		['a missing dateCompleted is ignored', [[at(0), undefined]], 2000, 2000],
		['a missing dateLaunched is ignored', [[undefined, at(500)]], 2000, 2000],
		[
			'unparseable dates are ignored',
			[
				['soon', at(500)],
				[at(0), 'later'],
			],
			2000,
			2000,
		],
		['a completion before the launch is ignored', [[at(1000), at(0)]], 2000, 2000],
		['a 5 s run: ×1.1 beats +100 ms', [[at(0), at(5000)]], 2000, 5500],
		['a 500 ms run: +100 ms beats ×1.1', [[at(0), at(500)]], 2000, 600],
		['a 1 s run: both margins agree', [[at(0), at(1000)]], 2000, 1100],
		['a 0 ms run still waits the 100 ms margin', [[at(0), at(0)]], 2000, 100],
		[
			'the longest of several runs decides',
			[
				[at(0), at(3000)],
				[at(0), at(10_000)],
				[at(0), at(2000)],
			],
			2000,
			11_000,
		],
		['a learned delay shorter than the Poll Interval wins', [[at(0), at(500)]], 10_000, 600],
		[
			'bad dates among good ones are skipped',
			[
				[at(0), 'never'],
				[at(0), at(5000)],
				[at(9000), at(0)],
			],
			2000,
			5500,
		],
		[
			'dates in other zones are compared as instants',
			[['2026-01-01T10:00:00+01:00', '2026-01-01T09:00:05Z']],
			2000,
			5500,
		],
	];
	table.forEach(([name, executions, pollIntervalMs, delay], row) => {
		test(name, () => {
			const key = flowKey('https://api.first-poll.test', `row-${row}`);
			for (const [launched, completed] of executions) recordDuration(key, launched, completed);
			assert.equal(firstPollDelay(key, pollIntervalMs), delay);
		});
	});

	test('only the last 50 durations are kept', () => {
		const key = flowKey('https://api.first-poll.test', 'kept');
		recordDuration(key, at(0), at(20_000));
		for (let i = 0; i < 49; i++) recordDuration(key, at(0), at(1000));
		assert.equal(
			firstPollDelay(key, 2000),
			22_000,
			'with 50 kept, the 20 s run is still among them',
		);
		recordDuration(key, at(0), at(1000));
		assert.equal(firstPollDelay(key, 2000), 1100, 'the 51st pushes the 20 s run out');
	});

	test('ignored dates do not push a kept duration out', () => {
		const key = flowKey('https://api.first-poll.test', 'ignored-not-kept');
		recordDuration(key, at(0), at(20_000));
		for (let i = 0; i < 49; i++) recordDuration(key, at(0), at(1000));
		for (let i = 0; i < 10; i++) recordDuration(key, undefined, at(1000));
		assert.equal(firstPollDelay(key, 2000), 22_000);
	});

	test('durations are kept per API base URL and flow id', () => {
		const learned = flowKey('https://api.mypurecloud.com', 'per-key-flow');
		recordDuration(learned, at(0), at(5000));
		assert.equal(firstPollDelay(learned, 2000), 5500);
		assert.equal(
			firstPollDelay(flowKey('https://api.mypurecloud.com', 'per-key-flow'), 2000),
			5500,
			'the same key again',
		);
		assert.equal(
			firstPollDelay(flowKey('https://api.mypurecloud.de', 'per-key-flow'), 2000),
			2000,
			'same flow, other region',
		);
		assert.equal(
			firstPollDelay(flowKey('https://api.mypurecloud.com', 'per-key-other'), 2000),
			2000,
			'same region, other flow',
		);
	});
});
