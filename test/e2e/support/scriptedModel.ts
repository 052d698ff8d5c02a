/**
 * A scripted stand-in for an OpenAI-compatible model, for tests that run n8n's AI Agent (and anything else that
 * speaks OpenAI's Chat Completions) without a real model: an HTTP server on 127.0.0.1 (a free port, node:http
 * only) that answers each `POST /v1/chat/completions` with the next step of a script (tool calls, or a final text
 * answer) and records every request body in order, so a test can assert what the model was given: the tool
 * definitions (name, description, JSON Schema of the arguments) and the tool results of earlier calls.
 *
 * n8n's OpenAI Chat Model node (credential `openAiApi`, Base URL = `model.baseUrl`, `responsesApiEnabled: false`)
 * sends Chat Completions requests; `stream: true` is answered with server-sent-event chunks, as OpenAI does.
 * When the script runs out (or a step names a tool that was not offered), the server answers 400, which OpenAI's
 * client does not retry, and keeps the reason in `problems` for the test to report.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One tool call of a step. Without `name`, the call goes to the only tool the request offers. */
export interface ScriptedToolCall {
	name?: string;
	/** The call's arguments: an object (sent as its JSON) or raw text (sent as it is, e.g. broken JSON). */
	arguments: Record<string, unknown> | string;
}

/** One answer of the model: tool calls, or a final text. */
export type ScriptStep = { toolCalls: ScriptedToolCall[] } | { text: string };

/** A function the model was offered (`tools[].function` of a Chat Completions request). */
export interface OfferedTool {
	name: string;
	description?: string;
	parameters?: Record<string, unknown>;
	[key: string]: unknown;
}

/** A message of a Chat Completions request, as far as tests read it. */
export interface ChatMessage {
	role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | string;
	content?: unknown;
	tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
	[key: string]: unknown;
}

/** The parts of a Chat Completions request body tests read. */
export interface ChatCompletionRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: Array<{ type: string; function: OfferedTool }>;
	stream?: boolean;
	[key: string]: unknown;
}

export interface RecordedRequest {
	/** 0-based, in arrival order. */
	index: number;
	method: string;
	path: string;
	/** The raw body text (for secret scans: exactly what n8n sent). */
	raw: string;
	/** The parsed body of a chat completion request (undefined for other requests). */
	body?: ChatCompletionRequest;
	/** The script step this request was answered with (undefined when it was refused or is not a completion). */
	step?: ScriptStep;
	/** The raw text this server answered with (the tool calls it made, as sent). */
	response?: string;
}

/** A tool result message of a request, with the call it answers. */
export interface ToolExchange {
	toolCallId: string;
	/** The tool the model called and the arguments it sent (from the preceding assistant message). */
	name?: string;
	arguments?: string;
	/** The tool message's content: what the tool answered, as the model reads it. */
	result: string;
}

export interface ScriptedModel {
	/** e.g. `http://127.0.0.1:41234/v1`: the credential's Base URL. */
	baseUrl: string;
	/** Every request received, in order (chat completions and others). */
	readonly requests: RecordedRequest[];
	/** Why requests were refused (script exhausted, unknown tool…); empty when all went by the script. */
	readonly problems: string[];
	/** Replaces the script and forgets earlier requests and problems (one script per test). */
	reset(script: ScriptStep[]): void;
	/** Steps not used yet. */
	remaining(): number;
	/** The chat completion requests only, in order. */
	completions(): Array<RecordedRequest & { body: ChatCompletionRequest }>;
	close(): Promise<void>;
}

/** The model name the server reports; any name is accepted in requests. */
export const SCRIPTED_MODEL_NAME = 'scripted-model';

/** Starts the server with an (optional) first script. */
export async function startScriptedModel(script: ScriptStep[] = []): Promise<ScriptedModel> {
	let steps = [...script];
	let used = 0;
	let requests: RecordedRequest[] = [];
	let problems: string[] = [];
	let callCounter = 0;

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const path = (req.url ?? '/').split('?')[0];
			const record: RecordedRequest = {
				index: requests.length,
				method: req.method ?? '',
				path,
				raw,
			};
			requests.push(record);

			if (req.method === 'GET' && /\/models$/.test(path)) {
				return sendJson(res, 200, {
					object: 'list',
					data: [{ id: SCRIPTED_MODEL_NAME, object: 'model', created: 0, owned_by: 'e2e' }],
				});
			}
			if (req.method !== 'POST' || !/\/chat\/completions$/.test(path)) {
				return refuse(
					res,
					404,
					`the scripted model serves POST /v1/chat/completions, not ${req.method} ${path}`,
				);
			}
			let body: ChatCompletionRequest;
			try {
				body = JSON.parse(raw) as ChatCompletionRequest;
			} catch {
				return refuse(res, 400, `request ${record.index} is not JSON: ${raw.slice(0, 200)}`);
			}
			record.body = body;
			const step = steps[used];
			if (!step) {
				const last = toolExchanges(body).at(-1);
				return refuse(
					res,
					400,
					`the script ran out: request ${record.index} asked for step ${used + 1} of ${steps.length}` +
						(last ? ` (the last tool result it carries: ${last.result.slice(0, 300)})` : ''),
				);
			}
			const offered = (body.tools ?? []).map((t) => t.function.name);
			const calls: Array<{ id: string; name: string; arguments: string }> = [];
			if ('toolCalls' in step) {
				for (const call of step.toolCalls) {
					const name = call.name ?? (offered.length === 1 ? offered[0] : undefined);
					if (!name || !offered.includes(name)) {
						return refuse(
							res,
							400,
							`step ${used + 1} calls ${call.name ? `tool "${call.name}"` : 'the only tool offered'}, but request ${record.index} offers ${offered.length ? offered.map((n) => `"${n}"`).join(', ') : 'no tools'}`,
						);
					}
					calls.push({
						id: `call_${++callCounter}`,
						name,
						arguments:
							typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
					});
				}
			}
			used++;
			record.step = step;
			const text = 'text' in step ? step.text : null;
			const id = `chatcmpl-scripted-${record.index}`;
			const model = body.model ?? SCRIPTED_MODEL_NAME;
			const finish = calls.length ? 'tool_calls' : 'stop';
			const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
			const toolCalls = calls.map((c) => ({
				id: c.id,
				type: 'function',
				function: { name: c.name, arguments: c.arguments },
			}));
			if (body.stream) {
				// Server-sent events: a role chunk, the content or the tool calls, the finish chunk, usage, [DONE].
				const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra = {}) =>
					`data: ${JSON.stringify({
						id,
						object: 'chat.completion.chunk',
						created: Math.floor(Date.now() / 1000),
						model,
						choices: [{ index: 0, delta, finish_reason: finishReason }],
						...extra,
					})}\n\n`;
				const events = [
					chunk({ role: 'assistant', content: text === null ? null : '' }, null),
					text !== null
						? chunk({ content: text }, null)
						: chunk({ tool_calls: toolCalls.map((c, index) => ({ index, ...c })) }, null),
					chunk({}, finish),
				];
				const options = body.stream_options as { include_usage?: boolean } | undefined;
				if (options?.include_usage)
					events.push(
						`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model, choices: [], usage })}\n\n`,
					);
				events.push('data: [DONE]\n\n');
				record.response = events.join('');
				res.writeHead(200, {
					'content-type': 'text/event-stream',
					'cache-control': 'no-cache',
					connection: 'keep-alive',
				});
				res.end(record.response);
				return;
			}
			const completion = {
				id,
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model,
				choices: [
					{
						index: 0,
						message: {
							role: 'assistant',
							content: text,
							...(toolCalls.length ? { tool_calls: toolCalls } : {}),
						},
						finish_reason: finish,
						logprobs: null,
					},
				],
				usage,
			};
			record.response = JSON.stringify(completion);
			sendJson(res, 200, completion);
		});
	});

	function refuse(res: http.ServerResponse, status: number, message: string) {
		problems.push(message);
		sendJson(res, status, {
			error: { message: `scripted model: ${message}`, type: 'invalid_request_error', code: null },
		});
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		get requests() {
			return requests;
		},
		get problems() {
			return problems;
		},
		reset(script) {
			steps = [...script];
			used = 0;
			requests = [];
			problems = [];
		},
		remaining: () => steps.length - used,
		completions: () =>
			requests.filter((r): r is RecordedRequest & { body: ChatCompletionRequest } => !!r.body),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

function sendJson(res: http.ServerResponse, status: number, value: unknown) {
	const text = JSON.stringify(value);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

/** The text of a message's content (a string, or the text parts of a content array). */
export function messageText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content
			.map((part) =>
				typeof part === 'string'
					? part
					: part && typeof part === 'object' && 'text' in part
						? String((part as { text: unknown }).text)
						: '',
			)
			.join('');
	return content === null || content === undefined ? '' : JSON.stringify(content);
}

/**
 * The tool calls a request's history holds, each with the result the tool gave (the `tool` messages), in order:
 * what the model sees of its earlier calls.
 */
export function toolExchanges(body: ChatCompletionRequest): ToolExchange[] {
	const calls = new Map<string, { name: string; arguments: string }>();
	const exchanges: ToolExchange[] = [];
	for (const message of body.messages ?? []) {
		for (const call of message.tool_calls ?? [])
			calls.set(call.id, { name: call.function.name, arguments: call.function.arguments });
		if (message.role === 'tool') {
			const id = String(message.tool_call_id ?? '');
			exchanges.push({ toolCallId: id, ...calls.get(id), result: messageText(message.content) });
		}
	}
	return exchanges;
}
