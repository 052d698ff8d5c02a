/** Issued access tokens: random opaque strings, each remembering its client, requested and granted scopes. */
import { randomBytes } from 'node:crypto';
import type { FixedWindow } from '../rateLimiter';

export interface Token {
	value: string;
	clientId: string;
	expiresAt: number;
	/** The scope form field exactly as requested (null when absent). */
	requestedScope: string | null;
	/** Scopes the token carries for requireScope checks. */
	scopes: Set<string>;
	/** This token's rate-limit window. */
	window: FixedWindow;
}

export class TokenStore {
	private readonly tokens = new Map<string, Token>();

	issue(
		clientId: string,
		lifetimeSeconds: number,
		requestedScope: string | null,
		scopes: Set<string>,
		now: number,
	): Token {
		if (this.tokens.size >= 50_000) this.prune(now);
		const token: Token = {
			value: randomBytes(30).toString('base64url'),
			clientId,
			expiresAt: now + lifetimeSeconds * 1000,
			requestedScope,
			scopes,
			window: { start: 0, count: 0 },
		};
		this.tokens.set(token.value, token);
		return token;
	}

	/** 'unknown' for a token never issued (or pruned), 'expired' past its lifetime or after expireAll(). */
	lookup(value: string, now: number): Token | 'unknown' | 'expired' {
		const token = this.tokens.get(value);
		if (!token) return 'unknown';
		return token.expiresAt <= now ? 'expired' : token;
	}

	/** Expires every issued token now; returns how many were still valid. */
	expireAll(now: number): number {
		let n = 0;
		for (const token of this.tokens.values()) {
			if (token.expiresAt > now) n++;
			token.expiresAt = Math.min(token.expiresAt, now);
		}
		return n;
	}

	clear(): void {
		this.tokens.clear();
	}

	private prune(now: number): void {
		for (const [value, token] of this.tokens) if (token.expiresAt <= now) this.tokens.delete(value);
	}
}
