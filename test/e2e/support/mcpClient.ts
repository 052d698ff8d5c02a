/**
 * An MCP client for tests, built on the official `@modelcontextprotocol/sdk` (`Client` over
 * `StreamableHTTPClientTransport`), as an MCP host (Claude Desktop, an IDE…) connects to n8n's MCP Server
 * Trigger: initialize, list the tools, call them. Every answer is kept in `answers` (as received), so a test can
 * scan all of them for secrets.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** A tool as `tools/list` describes it. */
export interface McpTool {
	name: string;
	description?: string;
	inputSchema: {
		type: 'object';
		properties?: Record<string, unknown>;
		required?: string[];
	} & Record<string, unknown>;
	[key: string]: unknown;
}

/** The answer to `tools/call`: text content, `isError` for a tool that failed. */
export interface McpCallResult {
	content: Array<{ type: string; text?: string; [key: string]: unknown }>;
	isError?: boolean;
	[key: string]: unknown;
}

export interface McpSession {
	listTools(): Promise<McpTool[]>;
	callTool(name: string, args: Record<string, unknown>): Promise<McpCallResult>;
	/** Everything the server answered (tool lists and call results), in order. */
	readonly answers: unknown[];
	close(): Promise<void>;
}

/** The text parts of a call result, joined. */
export function resultText(result: McpCallResult): string {
	return result.content
		.filter((part) => part.type === 'text')
		.map((part) => part.text ?? '')
		.join('\n');
}

/** Connects (MCP initialize over Streamable HTTP) to `url`, e.g. `http://127.0.0.1:5678/mcp/<path>`. */
export async function connectMcp(url: string, timeoutMs = 60_000): Promise<McpSession> {
	const client = new Client({ name: 'n8n-nodes-genesys-cloud-e2e', version: '1.0.0' });
	const transport = new StreamableHTTPClientTransport(new URL(url));
	await client.connect(transport, { timeout: timeoutMs });
	const answers: unknown[] = [];
	return {
		answers,
		async listTools() {
			const listed = await client.listTools(undefined, { timeout: timeoutMs });
			answers.push(listed);
			return listed.tools as McpTool[];
		},
		async callTool(name, args) {
			const result = (await client.callTool({ name, arguments: args }, undefined, {
				timeout: timeoutMs,
			})) as McpCallResult;
			answers.push(result);
			return result;
		},
		async close() {
			// Ends the session on the server (DELETE), then closes the transport.
			await transport.terminateSession().catch(() => undefined);
			await client.close();
		},
	};
}
