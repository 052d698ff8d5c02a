import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The scope the credential requests unless told otherwise. Genesys grants client-credentials clients their
 * access by roles, but some orgs and gateways also require this scope before they let a client start work.
 * It lives here, beside the token client that requests it, so that the credential and the node read one value.
 */
export const DEFAULT_SCOPE = 'flow:execute';

/** The credential's Scope field as the token endpoint wants it: space-separated, commas tolerated. */
export function requestedScope(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.scope ?? '')
		.split(/[\s,]+/)
		.filter(Boolean)
		.join(' ');
}
