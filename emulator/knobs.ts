/**
 * Knob defaults and their validation. A mistyped knob must fail loudly (400 on /__emulator/config, a throw in
 * configure()) instead of silently running a test against defaults.
 */
import { ROUTE_KEYS, type EmulatorKnobs, type FaultScriptEntry, type RouteFaults } from './types';

export function defaultKnobs(): EmulatorKnobs {
	return {
		latencyMs: 0,
		jitterMs: 0,
		slowResponses: null,
		rateLimit: { requests: 300, windowSeconds: 60 },
		rateLimitHeaders: false,
		tokenRateLimit: null,
		tokenLifetimeSeconds: 86400,
		tokenScopePolicy: 'ignore',
		requireScope: null,
		requireScopeFailure: '403',
		invalidClientStatus: 401,
		faults: {},
		faultScript: [],
		randomSeed: 1,
		executionDurationScale: 1,
		unknownInputKeys: 'reject',
		missingInputData: 'accept',
		integerOutputsAsStrings: true,
		decimalOutputsAsStrings: false,
		booleanOutputsAsStrings: false,
		schemaDialect: 'real',
		launchValidation: 'lenient',
		validateResponses: true,
		duplicateWindowSeconds: 300,
		maxPageSize: 500,
		nameFilterWithoutWildcard: 'exact',
		versionListOrder: 'newest-first',
	};
}

export class KnobError extends Error {}

const FAULT_FIELDS: readonly (keyof RouteFaults)[] = [
	'status500',
	'status502',
	'status503',
	'status504',
	'status504After',
	'resetBefore',
	'resetAfter',
];
const FAULT_KINDS = [500, 502, 503, 504, 429, 'resetBefore', 'resetAfter', '504After'];

function fail(message: string): never {
	throw new KnobError(message);
}
function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function nonNegative(name: string, v: unknown): number {
	if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`${name} must be a number >= 0`);
	return v;
}
function fraction(name: string, v: unknown): number {
	const n = nonNegative(name, v);
	if (n > 1) fail(`${name} must be a fraction between 0 and 1`);
	return n;
}
function oneOf<T>(name: string, v: unknown, allowed: readonly T[]): T {
	if (!allowed.includes(v as T))
		fail(`${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
	return v as T;
}
function rateLimit(name: string, v: unknown) {
	if (v === null) return null;
	if (!isObject(v)) fail(`${name} must be null or {requests, windowSeconds}`);
	const requests = nonNegative(`${name}.requests`, v.requests);
	const windowSeconds = nonNegative(`${name}.windowSeconds`, v.windowSeconds);
	if (!Number.isInteger(requests) || windowSeconds <= 0)
		fail(`${name} needs an integer requests and windowSeconds > 0`);
	return { requests, windowSeconds };
}

/** Validates a partial knob set and merges it into `current` (faults are replaced per route key, not deep-merged). */
export function mergeKnobs(current: EmulatorKnobs, patch: unknown): EmulatorKnobs {
	if (!isObject(patch)) fail('knobs must be a JSON object');
	const next: EmulatorKnobs = { ...current };
	const defaults = defaultKnobs();
	for (const [key, value] of Object.entries(patch)) {
		switch (key) {
			case 'latencyMs':
			case 'jitterMs':
			case 'executionDurationScale':
			case 'duplicateWindowSeconds':
			case 'randomSeed':
				next[key] = nonNegative(key, value);
				break;
			case 'tokenLifetimeSeconds':
			case 'maxPageSize':
				if (nonNegative(key, value) < 1) fail(`${key} must be >= 1`);
				next[key] = value as number;
				break;
			case 'slowResponses':
				if (value === null) next.slowResponses = null;
				else if (isObject(value))
					next.slowResponses = {
						fraction: fraction('slowResponses.fraction', value.fraction),
						delayMs: nonNegative('slowResponses.delayMs', value.delayMs),
					};
				else fail('slowResponses must be null or {fraction, delayMs}');
				break;
			case 'rateLimit':
			case 'tokenRateLimit':
				next[key] = rateLimit(key, value);
				break;
			case 'tokenScopePolicy':
				next.tokenScopePolicy = oneOf(key, value, [
					'ignore',
					'reject-unknown',
					'grant-allowed',
				] as const);
				break;
			case 'requireScope':
				if (value !== null && (typeof value !== 'string' || value === ''))
					fail('requireScope must be a scope or null');
				next.requireScope = value as string | null;
				break;
			case 'requireScopeFailure':
				next.requireScopeFailure = oneOf(key, value, ['403', 'empty400'] as const);
				break;
			case 'invalidClientStatus':
				next.invalidClientStatus = oneOf(key, value, [400, 401] as const);
				break;
			case 'unknownInputKeys':
				next.unknownInputKeys = oneOf(key, value, ['reject', 'ignore'] as const);
				break;
			case 'missingInputData':
				next.missingInputData = oneOf(key, value, ['accept', 'reject'] as const);
				break;
			case 'schemaDialect':
				next.schemaDialect = oneOf(key, value, ['real', 'plain'] as const);
				break;
			case 'launchValidation':
				next.launchValidation = oneOf(key, value, ['lenient', 'strict'] as const);
				break;
			case 'nameFilterWithoutWildcard':
				next.nameFilterWithoutWildcard = oneOf(key, value, ['exact', 'contains'] as const);
				break;
			case 'versionListOrder':
				next.versionListOrder = oneOf(key, value, ['newest-first', 'oldest-first'] as const);
				break;
			case 'integerOutputsAsStrings':
			case 'decimalOutputsAsStrings':
			case 'booleanOutputsAsStrings':
			case 'validateResponses':
			case 'rateLimitHeaders':
				if (typeof value !== 'boolean') fail(`${key} must be a boolean`);
				next[key] = value;
				break;
			case 'faults':
				next.faults = mergeFaults(current.faults, value);
				break;
			case 'faultScript':
				next.faultScript = parseFaultScript(value);
				break;
			default:
				fail(`Unknown knob '${key}'. Known knobs: ${Object.keys(defaults).join(', ')}`);
		}
	}
	return next;
}

function mergeFaults(current: EmulatorKnobs['faults'], value: unknown): EmulatorKnobs['faults'] {
	if (value === null) return {};
	if (!isObject(value)) fail('faults must be an object keyed by route (or null to clear)');
	const next = { ...current };
	for (const [route, spec] of Object.entries(value)) {
		const key = oneOf(`faults key '${route}'`, route, [...ROUTE_KEYS, '*'] as const);
		if (spec === null) {
			delete next[key];
			continue;
		}
		if (!isObject(spec)) fail(`faults.${route} must be an object`);
		const parsed: RouteFaults = {};
		for (const [field, f] of Object.entries(spec)) {
			const name = oneOf(`faults.${route} field '${field}'`, field, FAULT_FIELDS);
			parsed[name] = fraction(`faults.${route}.${field}`, f);
		}
		next[key] = parsed;
	}
	return next;
}

function parseFaultScript(value: unknown): FaultScriptEntry[] {
	if (!Array.isArray(value)) fail('faultScript must be an array');
	return value.map((entry, i) => {
		if (!isObject(entry)) fail(`faultScript[${i}] must be an object`);
		const route = oneOf(`faultScript[${i}].route`, entry.route, [...ROUTE_KEYS, '*'] as const);
		const kind = oneOf(
			`faultScript[${i}].kind`,
			entry.kind,
			FAULT_KINDS,
		) as FaultScriptEntry['kind'];
		const times =
			entry.times === undefined ? 1 : nonNegative(`faultScript[${i}].times`, entry.times);
		const out: FaultScriptEntry = { route, kind, times };
		if (entry.retryAfterSeconds !== undefined)
			out.retryAfterSeconds = nonNegative(
				`faultScript[${i}].retryAfterSeconds`,
				entry.retryAfterSeconds,
			);
		return out;
	});
}
