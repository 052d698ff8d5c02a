/**
 * Flow executions. Status is derived from timestamps when read (no timer per execution), so tens of thousands of
 * executions cost only memory.
 */
import { randomUUID } from 'node:crypto';
import type { CatalogFlow, CatalogVersion } from './catalog';
import type { PreparedRun, RunFailure } from './flowRun';
import { computeOutputs, type OutputOptions } from './outputs';
import type { SchemaDialect } from './schemaDialect';
import type { Prng } from './prng';
import type { EmulatorExecutionRecord, ExecutionStatus } from './types';

export interface Execution {
	id: string;
	flow: CatalogFlow;
	version: CatalogVersion;
	name: string;
	sentName: string | undefined;
	sentFlowVersion: string | null | undefined;
	/** Every input with the value the flow runs with (sent, else initial value, else NOT_SET). */
	inputs: Record<string, unknown>;
	sentInputData: unknown;
	launchedAt: number;
	/** null = never ends on its own. */
	endsAt: number | null;
	outcome: 'COMPLETED' | 'ERROR' | 'FAILED' | 'NEVER';
	/** Why a FAILED run failed. */
	failure: RunFailure | null;
	terminatedAt: number | null;
	clientId: string;
	tokenScope: string | null;
}

export interface LaunchInput {
	flow: CatalogFlow;
	version: CatalogVersion;
	sentName: string | undefined;
	sentFlowVersion: string | null | undefined;
	sentInputData: unknown;
	/** What the flow runs with and whether it fails (flowRun.ts). */
	prepared: PreparedRun;
	clientId: string;
	tokenScope: string | null;
}

/** A run that fails on a missing or unusable input fails early: at most this long (before scaling) after launch. */
export const FAILURE_AFTER_MS = 100;

export const executionUri = (id: string) => `/api/v2/flows/executions/${id}`;

export class ExecutionEngine {
	private readonly byId = new Map<string, Execution>();
	private readonly recent = new Map<string, number>();

	/** Creates an execution; `duplicate` tells whether an identical launch (flow, name, inputs) ran within the window. */
	launch(
		input: LaunchInput,
		now: number,
		durationScale: number,
		duplicateWindowMs: number,
		prng: Prng,
	) {
		const run = input.version.run;
		const failure = input.prepared.failure;
		const outcome = failure ? 'FAILED' : (run.outcome ?? 'COMPLETED');
		let duration = 0;
		if (typeof run.durationMs === 'number') duration = run.durationMs;
		else if (run.durationMs)
			duration = run.durationMs.min + prng.next() * (run.durationMs.max - run.durationMs.min);
		if (failure) duration = Math.min(duration, FAILURE_AFTER_MS);
		const execution: Execution = {
			id: randomUUID(),
			flow: input.flow,
			version: input.version,
			name: input.sentName || `${input.flow.name} ${new Date(now).toISOString()}`,
			sentName: input.sentName,
			sentFlowVersion: input.sentFlowVersion,
			inputs: input.prepared.inputs,
			sentInputData: input.sentInputData,
			launchedAt: now,
			endsAt: outcome === 'NEVER' ? null : now + Math.round(duration * durationScale),
			outcome,
			failure,
			terminatedAt: null,
			clientId: input.clientId,
			tokenScope: input.tokenScope,
		};
		this.byId.set(execution.id, execution);
		const key = `${input.flow.id}\u0000${input.sentName ?? ''}\u0000${stableStringify(input.sentInputData ?? {})}`;
		const previous = this.recent.get(key);
		const duplicate = previous !== undefined && now - previous <= duplicateWindowMs;
		this.recent.set(key, now);
		return { execution, duplicate };
	}

	get(id: string): Execution | undefined {
		return this.byId.get(id);
	}

	status(e: Execution, now: number): ExecutionStatus {
		if (e.terminatedAt !== null) return 'TERMINATED';
		if (e.endsAt === null || now < e.endsAt) return 'RUNNING';
		return e.outcome === 'ERROR' || e.outcome === 'FAILED' ? e.outcome : 'COMPLETED';
	}

	/** false when the execution had already ended. */
	terminate(e: Execution, now: number): boolean {
		if (this.status(e, now) !== 'RUNNING') return false;
		e.terminatedAt = now;
		return true;
	}

	/** FlowRuntimeExecution as GET /api/v2/flows/executions/{id} answers it. */
	view(
		e: Execution,
		now: number,
		dialect: SchemaDialect,
		outputs: OutputOptions,
	): Record<string, unknown> {
		const status = this.status(e, now);
		const body: Record<string, unknown> = {
			id: e.id,
			name: e.name,
			flowVersion: e.version.entity[dialect],
			dateLaunched: new Date(e.launchedAt).toISOString(),
			status,
		};
		if (status === 'COMPLETED') {
			body.dateCompleted = new Date(e.endsAt!).toISOString();
			body.completionReason = 'Success';
			body.outputData = computeOutputs(
				e.version.run.outputs,
				e.version.outputSchema,
				e.inputs,
				outputs,
			);
		} else if (status === 'FAILED') {
			// As captured: only message, code, messageWithParams and messageParams.
			body.dateCompleted = new Date(e.endsAt!).toISOString();
			body.completionReason = 'Failure';
			body.flowErrorInfo = { ...e.failure! };
		} else if (status === 'ERROR') {
			const error = e.version.run.error ?? {
				message: 'The flow ended in error.',
				code: 'flow.execution.error',
			};
			body.dateCompleted = new Date(e.endsAt!).toISOString();
			body.completionReason = 'Error';
			body.flowErrorInfo = {
				message: error.message,
				code: error.code,
				status: 500,
				entityId: e.flow.id,
				entityName: e.flow.name,
				details: [],
				errors: [],
			};
		} else if (status === 'TERMINATED') {
			body.dateCompleted = new Date(e.terminatedAt!).toISOString();
			body.completionReason = 'Terminated';
		}
		body.selfUri = executionUri(e.id);
		return body;
	}

	record(e: Execution, now: number): EmulatorExecutionRecord {
		return {
			id: e.id,
			flowId: e.flow.id,
			flowVersion: e.version.id,
			requestedFlowVersion: e.sentFlowVersion,
			name: e.sentName,
			inputData: e.sentInputData,
			runInputs: e.inputs,
			status: this.status(e, now),
			clientId: e.clientId,
			tokenScope: e.tokenScope,
			dateLaunched: new Date(e.launchedAt).toISOString(),
		};
	}

	all(): Execution[] {
		return [...this.byId.values()];
	}

	clear(): void {
		this.byId.clear();
		this.recent.clear();
	}
}

/** JSON with sorted object keys: {a,b} and {b,a} are the same input. */
export function stableStringify(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value) ?? 'null';
}
