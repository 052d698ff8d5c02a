/**
 * n8n's internal REST API (`/rest/...`), as the editor calls it: a session cookie `n8n-auth` bound to a
 * `browser-id` header (n8n 2.41 refuses a cookie presented without the browser id it was issued for), and
 * JSON answers wrapped in `{ data }`.
 *
 * The editor's dynamic-parameter calls (read from n8n 2.41.1's DynamicNodeParametersController and the
 * @n8n/api-types DTOs) all take the same base body:
 *   { nodeTypeAndVersion: { name, version }, path: 'parameters.<param>', currentNodeParameters: {...},
 *     methodName?, credentials?: { <credentialType>: { id, name } }, projectId?, workflowId? }
 * plus `filter` / `paginationToken` for list search.
 */
import { randomUUID } from 'node:crypto';

export class N8nRestError extends Error {
	constructor(
		readonly method: string,
		readonly path: string,
		readonly status: number,
		readonly body: unknown,
	) {
		const message =
			body && typeof body === 'object' && 'message' in body
				? String((body as { message: unknown }).message)
				: '';
		super(`${method} ${path} → ${status}${message ? `: ${message}` : ''}`);
	}
}

export interface NodeTypeAndVersion {
	name: string;
	version: number;
}

/** A node's credential slots as the editor sends them: `{ genesysCloudOAuth2Api: { id, name } }`. */
export type NodeCredentials = Record<string, { id: string; name: string }>;

export interface DynamicParametersRequest {
	nodeTypeAndVersion: NodeTypeAndVersion;
	/** The parameter asking, e.g. `parameters.flowId` or `parameters.triggerData`. */
	path: string;
	/** The node's current parameters (what the editor holds for the node, defaults included). */
	currentNodeParameters: Record<string, unknown>;
	credentials?: NodeCredentials;
	projectId?: string;
	workflowId?: string;
}

export interface ListSearchResult {
	results: Array<{ name: string; value: string | number; url?: string }>;
	paginationToken?: string | number;
}

export interface ResourceMapperFieldsResult {
	fields: Array<{
		id: string;
		displayName: string;
		required: boolean;
		defaultMatch: boolean;
		display: boolean;
		type?: string;
		options?: Array<{ name: string; value: unknown }>;
		canBeUsedToMatch?: boolean;
		readOnly?: boolean;
		removed?: boolean;
		[key: string]: unknown;
	}>;
	emptyFieldsNotice?: string;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export class N8nRestClient {
	/** The `n8n-auth` cookie value once logged in. */
	authCookie?: string;

	constructor(
		readonly baseUrl: string,
		/** Sent as the `browser-id` header on every call; the session cookie is bound to it. */
		readonly browserId: string = randomUUID(),
		readonly timeoutMs = 60_000,
	) {}

	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const headers: Record<string, string> = {
			accept: 'application/json',
			'browser-id': this.browserId,
		};
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.authCookie) headers.cookie = `n8n-auth=${this.authCookie}`;
		const res = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(this.timeoutMs),
		});
		for (const cookie of res.headers.getSetCookie()) {
			const m = /^n8n-auth=([^;]*)/.exec(cookie);
			if (m) this.authCookie = m[1] || undefined;
		}
		const text = await res.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			/* not JSON */
		}
		if (!res.ok) throw new N8nRestError(method, path, res.status, parsed);
		if (parsed && typeof parsed === 'object' && 'data' in parsed)
			return (parsed as { data: T }).data;
		return parsed as T;
	}

	get<T = unknown>(path: string) {
		return this.request<T>('GET', path);
	}

	post<T = unknown>(path: string, body: unknown) {
		return this.request<T>('POST', path, body);
	}

	patch<T = unknown>(path: string, body: unknown) {
		return this.request<T>('PATCH', path, body);
	}

	delete<T = unknown>(path: string) {
		return this.request<T>('DELETE', path);
	}

	/** Saves a new workflow, as the editor's Save does (an `id` is dropped: n8n assigns one). n8n 1.x needs `active`. */
	createWorkflow(workflow: object) {
		const body: Record<string, unknown> = { ...workflow };
		delete body.id;
		return this.post<{ id: string; versionId: string }>('/rest/workflows', {
			active: false,
			...body,
		});
	}

	/** The editor's Publish (activate): 2.x's `POST …/activate`; n8n 1.x has none and takes a PATCH with `active`. */
	async activateWorkflow(id: string, versionId: string): Promise<void> {
		try {
			await this.post(`/rest/workflows/${id}/activate`, { versionId });
		} catch (error) {
			if (!(error instanceof N8nRestError && error.status === 404)) throw error;
			await this.patch(`/rest/workflows/${id}`, { active: true, versionId });
		}
	}

	/** `POST /rest/login` with `{ emailOrLdapLoginId, password }`; keeps the `n8n-auth` cookie. */
	async login(
		email: string,
		password: string,
	): Promise<{ id: string; email: string; role?: string }> {
		const user = await this.post<{ id: string; email: string; role?: string }>('/rest/login', {
			emailOrLdapLoginId: email,
			password,
		});
		if (!this.authCookie) throw new Error('n8n accepted the login but set no n8n-auth cookie');
		return user;
	}

	/** The signed-in user (`GET /rest/login`), or throws 401. */
	currentUser() {
		return this.get<{ id: string; email: string; role?: string }>('/rest/login');
	}

	/** Full descriptions of node types (`POST /rest/node-types`), as the editor loads them. */
	nodeTypes(nodeInfos: NodeTypeAndVersion[]) {
		return this.post<
			Array<
				{ name: string; displayName: string; version: number | number[] } & Record<string, unknown>
			>
		>('/rest/node-types', { nodeInfos });
	}

	/** The list of every known node type (name, version…), as served to the editor at `/types/nodes.json`. */
	knownNodeTypes() {
		return this.get<Array<{ name: string; displayName: string; version: number | number[] }>>(
			'/types/nodes.json',
		);
	}

	/** The list of every known credential type, as served to the editor at `/types/credentials.json`. */
	knownCredentialTypes() {
		return this.get<Array<{ name: string; displayName: string }>>('/types/credentials.json');
	}

	/** Resource locator "From list" mode: `POST /rest/dynamic-node-parameters/resource-locator-results`. */
	resourceLocatorResults(
		request: DynamicParametersRequest & {
			methodName: string;
			filter?: string;
			paginationToken?: string;
		},
	) {
		return this.post<ListSearchResult>(
			'/rest/dynamic-node-parameters/resource-locator-results',
			request,
		);
	}

	/** Resource mapper fields: `POST /rest/dynamic-node-parameters/resource-mapper-fields`. */
	resourceMapperFields(request: DynamicParametersRequest & { methodName: string }) {
		return this.post<ResourceMapperFieldsResult>(
			'/rest/dynamic-node-parameters/resource-mapper-fields',
			request,
		);
	}

	/**
	 * Options of an `options`/`multiOptions` parameter: `POST /rest/dynamic-node-parameters/options`, with
	 * `methodName` (a `methods.loadOptions` method) or `loadOptions` (declarative routing).
	 */
	loadOptions(
		request: DynamicParametersRequest & {
			methodName?: string;
			loadOptions?: Record<string, unknown>;
		},
	) {
		return this.post<
			Array<{ name: string; value: string | number | boolean; description?: string }>
		>('/rest/dynamic-node-parameters/options', request);
	}

	/**
	 * Credential test: `POST /rest/credentials/test` with `{ credentials: { id, name, type, data } }`. In 2.41
	 * the credential must already be stored; n8n tests exactly the `data` sent, after putting the stored secrets
	 * back where `data` holds the editor's blanked/redacted values. Answers `{ status: 'OK' | 'Error', message }`.
	 */
	testCredential(credentials: {
		id: string;
		name: string;
		type: string;
		data: Record<string, unknown>;
	}) {
		return this.post<CredentialTestResult>('/rest/credentials/test', { credentials });
	}

	/**
	 * Tests a stored credential the way the credential dialog does: reads it with its (redacted) data
	 * (`GET /rest/credentials/:id?includeData=true`), optionally changes fields, and posts that to the test.
	 */
	async testStoredCredential(
		id: string,
		changes: Record<string, unknown> = {},
	): Promise<CredentialTestResult> {
		const stored = await this.getCredential(id);
		return await this.testCredential({
			id: stored.id,
			name: stored.name,
			type: stored.type,
			data: { ...stored.data, ...changes },
		});
	}

	/** A stored credential with its data as the editor gets it (secrets redacted). */
	getCredential(id: string) {
		return this.get<{ id: string; name: string; type: string; data: Record<string, unknown> }>(
			`/rest/credentials/${encodeURIComponent(id)}?includeData=true`,
		);
	}

	/** Credentials visible to the user (`GET /rest/credentials`), without their secrets. */
	listCredentials() {
		return this.get<Array<{ id: string; name: string; type: string }>>('/rest/credentials');
	}

	/** A stored workflow (`GET /rest/workflows/:id`). */
	getWorkflow(id: string) {
		return this.get<
			{ id: string; name: string; nodes: Array<{ name: string; type: string }> } & Record<
				string,
				unknown
			>
		>(`/rest/workflows/${encodeURIComponent(id)}`);
	}
}
