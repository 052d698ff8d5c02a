/** OAuth clients of the seed and their effective permissions (roles + direct grants, '*' segment wildcards). */
import type { SeedClient, SeedFile } from '../seed/model';

export interface Client {
	clientId: string;
	clientSecret: string;
	permissions: string[][];
	allowedScopes: Set<string>;
}

export class ClientDirectory {
	private readonly clients = new Map<string, Client>();

	constructor(seed: SeedFile) {
		for (const c of seed.clients) this.clients.set(c.clientId, build(c, seed.roles ?? {}));
	}

	/** The client when the secret matches; undefined for an unknown client or a wrong secret (both invalid_client). */
	authenticate(clientId: string, clientSecret: string): Client | undefined {
		const client = this.clients.get(clientId);
		return client && client.clientSecret === clientSecret ? client : undefined;
	}

	get(clientId: string): Client | undefined {
		return this.clients.get(clientId);
	}
}

function build(c: SeedClient, roles: Record<string, string[]>): Client {
	const perms = [...(c.permissions ?? []), ...(c.roles ?? []).flatMap((r) => roles[r] ?? [])];
	return {
		clientId: c.clientId,
		clientSecret: c.clientSecret,
		permissions: perms.map((p) => p.split(':')),
		allowedScopes: new Set(c.allowedScopes ?? []),
	};
}

export function hasPermission(client: Client, permission: string): boolean {
	const wanted = permission.split(':');
	return client.permissions.some(
		(granted) =>
			granted.length === wanted.length &&
			granted.every((seg, i) => seg === '*' || seg === wanted[i]),
	);
}
