/**
 * Genesys error bodies. A handler throws ApiError; the server turns it into the body below with the request's
 * correlation id as contextId, the same value as the ININ-Correlation-Id header.
 */
import type { ErrorDetail, RateLimit } from '../schemas/generated/genesys';

export type ErrorDetailShape = ErrorDetail;

export interface ApiErrorInit {
	entityId?: string;
	entityName?: string;
	messageParams?: Record<string, string>;
	messageWithParams?: string;
	details?: ErrorDetailShape[];
	limit?: RateLimit;
	headers?: Record<string, string>;
	/** Send the status with an empty body (the bare 400 some gateways answer). */
	emptyBody?: boolean;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly init: ApiErrorInit = {},
	) {
		super(message);
	}

	body(contextId: string): Record<string, unknown> {
		const { entityId, entityName, messageParams, messageWithParams, details, limit } = this.init;
		return {
			message: this.message,
			code: this.code,
			status: this.status,
			...(entityId !== undefined && { entityId }),
			...(entityName !== undefined && { entityName }),
			...(messageWithParams !== undefined && { messageWithParams }),
			...(messageParams !== undefined && { messageParams }),
			contextId,
			details: details ?? [],
			errors: [],
			...(limit !== undefined && { limit }),
		};
	}
}

/** OAuth errors use the login service's shape, not ErrorBody. */
export class OAuthError extends Error {
	constructor(
		readonly status: number,
		readonly error: string,
		readonly description: string,
	) {
		super(description);
	}

	body(): Record<string, unknown> {
		return {
			error: this.error,
			description: this.description,
			error_description: this.description,
		};
	}
}

export const notFound = (what: string, id: string) =>
	new ApiError(404, 'not.found', `${what} '${id}' was not found.`, {
		entityId: id,
		details: [{ errorCode: 'not.found', entityId: id }],
	});

export const badRequest = (message: string, fieldName?: string, code = 'bad.request') =>
	new ApiError(400, code, message, fieldName ? { details: [{ errorCode: code, fieldName }] } : {});

export const missingPermission = (permission: string) =>
	new ApiError(
		403,
		'missing.permissions',
		`Unable to perform the requested action. You are missing the following permission(s): [${permission}]`,
		{
			messageWithParams:
				'Unable to perform the requested action. You are missing the following permission(s): {permissions}',
			messageParams: { permissions: `[${permission}]` },
		},
	);
