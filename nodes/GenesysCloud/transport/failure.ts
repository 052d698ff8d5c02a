import type { IDataObject } from 'n8n-workflow';

/** What a failed HTTP call tells us, read from n8n's error wrapper or the HTTP client's error underneath. */
export interface HttpFailure {
	/** HTTP status, or undefined when no answer came (network error). */
	status?: number;
	/** Network error code such as ECONNRESET, when no answer came. */
	networkCode?: string;
	headers: Record<string, string>;
	/** The Genesys error body, when the answer had a JSON one. */
	body?: GenesysErrorBody;
	/** The raw answer text, when it was not JSON (an empty 400, an HTML gateway page). */
	rawBody?: string;
	/** A credential problem raised while getting a token (its message is already user-facing). */
	tokenError?: { message: string; description?: string };
	cancelled: boolean;
	original: unknown;
}

export interface GenesysErrorBody extends IDataObject {
	message?: string;
	code?: string;
	status?: number;
	contextId?: string;
	messageWithParams?: string;
	messageParams?: IDataObject;
	details?: Array<{
		errorCode?: string;
		fieldName?: string;
		entityId?: string;
		entityName?: string;
	}>;
}

const NETWORK_CODES = [
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
];

type Loose = Record<string, unknown> | undefined;

function causes(error: unknown): Loose[] {
	const chain: Loose[] = [];
	let current = error as Loose;
	for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
		chain.push(current);
		current = current.cause as Loose;
	}
	return chain;
}

/** Response headers with lower-case names and string values, whatever the HTTP client gave. */
function normalizeHeaders(raw: unknown): Record<string, string> {
	const headers: Record<string, string> = {};
	if (!raw || typeof raw !== 'object') return headers;
	for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
		if (value !== undefined && value !== null) headers[key.toLowerCase()] = String(value);
	}
	return headers;
}

function parseBody(data: unknown): { body?: GenesysErrorBody; rawBody?: string } {
	if (data && typeof data === 'object' && !Buffer.isBuffer(data))
		return { body: data as GenesysErrorBody };
	const text = Buffer.isBuffer(data) ? data.toString('utf8') : typeof data === 'string' ? data : '';
	if (!text.trim()) return { rawBody: '' };
	try {
		const parsed: unknown = JSON.parse(text);
		if (parsed && typeof parsed === 'object') return { body: parsed as GenesysErrorBody };
	} catch {
		// Not JSON: a gateway's HTML page or plain text; keep it raw for the message.
	}
	return { rawBody: text.slice(0, 500) };
}

/** A failure from an answer read with `ignoreHttpStatusErrors` (the token request), read like a thrown one. */
export function failureFromResponse(status: number, headers: unknown, data: unknown): HttpFailure {
	return {
		status,
		headers: normalizeHeaders(headers),
		cancelled: false,
		original: undefined,
		...parseBody(data),
	};
}

/** Reads status, headers, body and network code from whatever n8n threw. */
export function readFailure(error: unknown): HttpFailure {
	const chain = causes(error);
	const failure: HttpFailure = { headers: {}, cancelled: false, original: error };
	for (const link of chain) {
		if (!link) continue;
		if (link.name === 'GenesysCloudTokenError' && !failure.tokenError) {
			failure.tokenError = {
				message: String(link.message),
				description: typeof link.description === 'string' ? link.description : undefined,
			};
		}
		const response = link.response as Loose;
		if (response && failure.status === undefined) {
			const status = Number(response.status ?? response.statusCode);
			if (status > 0) failure.status = status;
			failure.headers = normalizeHeaders(response.headers);
			Object.assign(failure, parseBody(response.data ?? response.body));
		}
		const code = typeof link.code === 'string' ? link.code : undefined;
		if (code && NETWORK_CODES.includes(code) && !failure.networkCode) failure.networkCode = code;
		if (link.name === 'AbortError' || code === 'ERR_CANCELED' || link.name === 'CanceledError') {
			failure.cancelled = true;
		}
		if (
			!failure.networkCode &&
			typeof link.message === 'string' &&
			/socket hang up/i.test(link.message)
		) {
			failure.networkCode = 'ECONNRESET';
		}
	}
	if (failure.status === undefined) {
		const httpCode = Number((error as Loose)?.httpCode);
		if (httpCode > 0) failure.status = httpCode;
		// n8n 1.x wraps the HTTP client's error in a NodeApiError that keeps no cause and no headers, only the
		// status (httpCode) and the answer's JSON body (context.data).
		if (httpCode > 0 && !failure.body) {
			const answered = ((error as Loose)?.context as Loose)?.data;
			if (answered && typeof answered === 'object') Object.assign(failure, parseBody(answered));
		}
	}
	return failure;
}

export function correlationId(failure: HttpFailure): string | undefined {
	return failure.body?.contextId ?? failure.headers['inin-correlation-id'];
}
