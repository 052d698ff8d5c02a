/**
 * Decides, per request, whether to inject a fault: first the deterministic faultScript (exact tests), then the
 * random fractions of `faults` (route key, then '*'), drawn from the seeded PRNG.
 */
import type { Prng } from './prng';
import type { EmulatorKnobs, FaultKind, RouteFaults, RouteKey } from './types';

export interface InjectedFault {
	kind: FaultKind;
	retryAfterSeconds?: number;
}

const RANDOM_ORDER: [keyof RouteFaults, FaultKind][] = [
	['resetBefore', 'resetBefore'],
	['status500', 500],
	['status502', 502],
	['status503', 503],
	['status504', 504],
	['status504After', '504After'],
	['resetAfter', 'resetAfter'],
];

export function pickFault(
	knobs: EmulatorKnobs,
	route: RouteKey,
	prng: Prng,
): InjectedFault | undefined {
	const script = knobs.faultScript;
	for (let i = 0; i < script.length; i++) {
		const entry = script[i];
		if (entry.route !== route && entry.route !== '*') continue;
		if ((entry.times ?? 1) <= 1) script.splice(i, 1);
		else entry.times = (entry.times ?? 1) - 1;
		return { kind: entry.kind, retryAfterSeconds: entry.retryAfterSeconds };
	}
	const spec = knobs.faults[route] ?? knobs.faults['*'];
	if (!spec) return undefined;
	for (const [field, kind] of RANDOM_ORDER) {
		if (prng.chance(spec[field])) return { kind };
	}
	return undefined;
}

/** The Genesys error code and message of an injected status. */
export function faultError(status: number): { code: string; message: string } {
	switch (status) {
		case 500:
			return {
				code: 'internal.server.error',
				message: 'The server encountered an unexpected condition (injected by the emulator).',
			};
		case 502:
			return { code: 'bad.gateway', message: 'Bad gateway (injected by the emulator).' };
		case 503:
			return {
				code: 'service.unavailable',
				message: 'The service is currently unavailable (injected by the emulator).',
			};
		default:
			return {
				code: 'request.timeout',
				message: 'The request timed out (injected by the emulator).',
			};
	}
}
