/** What a route handler receives and returns. Handlers are synchronous: all waiting happens in the server. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Client } from './auth/clients';
import type { Token } from './auth/tokens';
import type { ModelName } from './contract';
import type { EmulatorState } from './state';

export interface RequestContext {
	state: EmulatorState;
	correlationId: string;
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	params: string[];
	body: Buffer;
	bodyTooLarge: boolean;
	now: number;
	token?: Token;
	client?: Client;
	/** Filled by the token route for the stats' token log. */
	oauth?: { clientId: string | null; scope: string | null };
	/** Filled by the launch route for the launch log. */
	launch?: { body: unknown; executionId: string | null };
}

export interface Reply {
	status: number;
	body?: unknown;
	/** Schema the body must satisfy (checked when validateResponses is on). */
	model?: ModelName;
	headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Reply;

export const ok = (body: unknown, model: ModelName): Reply => ({ status: 200, body, model });
