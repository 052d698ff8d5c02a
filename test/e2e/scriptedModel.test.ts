/**
 * The scripted OpenAI-compatible model of the e2e toolkit (test/e2e/support/scriptedModel.ts), over real HTTP,
 * without n8n: it answers by its script, in OpenAI's Chat Completions shapes (plain and streamed), records what
 * it was sent, and says clearly when a request does not fit the script. Takes well under a second.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	startScriptedModel,
	toolExchanges,
	type ChatCompletionRequest,
	type ScriptedModel,
} from './support/scriptedModel';

const LAUNCH_TOOL = {
	type: 'function',
	function: {
		name: 'Genesys_Cloud',
		description: 'Launch a flow',
		parameters: { type: 'object', properties: { priority: { type: 'number' } } },
	},
};

async function complete(model: ScriptedModel, body: Partial<ChatCompletionRequest>) {
	const res = await fetch(`${model.baseUrl}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
		body: JSON.stringify({
			model: 'gpt-4o-mini',
			messages: [{ role: 'user', content: 'hi' }],
			...body,
		}),
	});
	return {
		status: res.status,
		type: res.headers.get('content-type') ?? '',
		text: await res.text(),
	};
}

describe('scripted model server', () => {
	let model: ScriptedModel;

	before(async () => {
		model = await startScriptedModel();
	});

	after(async () => {
		await model.close();
	});

	test('a tool call without a name goes to the only tool offered; the request is recorded', async () => {
		model.reset([{ toolCalls: [{ arguments: { priority: 4 } }] }]);
		const answer = await complete(model, { tools: [LAUNCH_TOOL] });
		assert.equal(answer.status, 200, answer.text);
		const completion = JSON.parse(answer.text);
		assert.equal(completion.object, 'chat.completion');
		const [choice] = completion.choices;
		assert.equal(choice.finish_reason, 'tool_calls');
		assert.equal(choice.message.content, null);
		const [call] = choice.message.tool_calls;
		assert.equal(call.type, 'function');
		assert.equal(call.function.name, 'Genesys_Cloud');
		assert.deepEqual(JSON.parse(call.function.arguments), { priority: 4 });
		assert.equal(model.remaining(), 0);
		assert.equal(model.completions().length, 1);
		assert.deepEqual(model.completions()[0].body.tools, [LAUNCH_TOOL]);
		assert.deepEqual(model.problems, []);
	});

	test('a streamed request gets server-sent chat.completion.chunk events ending with [DONE]', async () => {
		model.reset([{ text: 'All done.' }]);
		const answer = await complete(model, { stream: true, stream_options: { include_usage: true } });
		assert.equal(answer.status, 200);
		assert.match(answer.type, /^text\/event-stream/);
		const events = answer.text
			.split('\n\n')
			.filter(Boolean)
			.map((e) => e.replace(/^data: /, ''));
		assert.equal(events.at(-1), '[DONE]');
		const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
		assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
		const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
		assert.equal(text, 'All done.');
		assert.ok(chunks.some((c) => c.choices[0]?.finish_reason === 'stop'));
		assert.ok(
			chunks.some((c) => c.usage),
			'usage is sent when asked for',
		);
	});

	test('a request past the end of the script, or naming a tool not offered, is refused with the reason', async () => {
		model.reset([{ toolCalls: [{ name: 'Other_Tool', arguments: {} }] }]);
		const unknown = await complete(model, { tools: [LAUNCH_TOOL] });
		assert.equal(unknown.status, 400);
		assert.match(JSON.parse(unknown.text).error.message, /Other_Tool.*offers "Genesys_Cloud"/);

		model.reset([{ text: 'only one step' }]);
		assert.equal((await complete(model, {})).status, 200);
		const exhausted = await complete(model, {
			messages: [
				{ role: 'user', content: 'hi' },
				{
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							id: 'call_9',
							type: 'function',
							function: { name: 'Genesys_Cloud', arguments: '{}' },
						},
					],
				},
				{ role: 'tool', tool_call_id: 'call_9', content: 'launched 42' },
			],
		});
		assert.equal(exhausted.status, 400);
		const reason = JSON.parse(exhausted.text).error.message;
		assert.match(reason, /script ran out: request 1 asked for step 2 of 1/);
		assert.match(reason, /launched 42/, 'the last tool result is quoted');
		assert.equal(model.problems.length, 1);
	});

	test('toolExchanges pairs each tool result with the call it answers', () => {
		const exchanges = toolExchanges({
			messages: [
				{ role: 'user', content: 'hi' },
				{
					role: 'assistant',
					content: [],
					tool_calls: [
						{ id: 'a', type: 'function', function: { name: 'T', arguments: '{"x":1}' } },
					],
				},
				{ role: 'tool', tool_call_id: 'a', content: [{ type: 'text', text: 'ok' }] },
			],
		});
		assert.deepEqual(exchanges, [
			{ toolCallId: 'a', name: 'T', arguments: '{"x":1}', result: 'ok' },
		]);
	});
});
