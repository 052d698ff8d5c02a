/**
 * House rules of the shipped code's layout (docs/ARCHITECTURE.md, CONTRIBUTING.md): the transport knows HTTP and
 * Genesys's error bodies but no flow; Genesys paths are written in the API module only; every HTTP call goes
 * through the transport (the token client included); no import runs back up the layers; no two rooms of the
 * package (credentials/, the node's folders) import each other; and the emulator imports none of them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { DEFAULT_SCOPE } from '../../nodes/GenesysCloud/transport/scope';

const ROOT = path.resolve(__dirname, '..', '..');
const NODE = 'nodes/GenesysCloud';

function sourcesUnder(folder: string): string[] {
	return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.ts'))
		.map((file) => path.posix.join(folder, file.split(path.sep).join('/')));
}

const shipped = [...sourcesUnder('nodes'), ...sourcesUnder('credentials')];
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Files of `files` whose text matches `pattern`, with the first matching line. */
function offenders(
	files: string[],
	pattern: RegExp,
	clean: (text: string) => string = (text) => text,
) {
	return files.flatMap((file) => {
		const line = clean(read(file))
			.split('\n')
			.find((text) => pattern.test(text));
		return line === undefined ? [] : [`${file}: ${line.trim()}`];
	});
}

const inside = (folder: string) => (file: string) => file.startsWith(`${folder}/`);

describe('house rules of the layers', () => {
	test('the transport names no flow, launch or Trigger Data', () => {
		// The default OAuth scope is the token endpoint's word, requested by the token client, not the domain's.
		const found = offenders(
			sourcesUnder(`${NODE}/transport`),
			/\bflows?\b|launch|trigger data|architect/i,
			(text) => text.replaceAll('n8n-workflow', '').replaceAll(DEFAULT_SCOPE, ''),
		);
		assert.deepEqual(found, [], 'domain words belong in api/ or actions/');
	});

	test('Genesys API paths are written in the API module and the credential test only', () => {
		const allowed = (file: string) =>
			inside(`${NODE}/api`)(file) || file === 'credentials/GenesysCloudOAuth2Api.credentials.ts';
		assert.deepEqual(
			offenders(
				shipped.filter((file) => !allowed(file)),
				/\/api\/v2/,
			),
			[],
		);
	});

	test('every HTTP call goes through the transport', () => {
		const allowed = inside(`${NODE}/transport`);
		const httpCall =
			/\bhttpRequest(WithAuthentication)?\b|helpers\.request\b|\bfetch\(|from '(node:)?https?'|from 'axios'/;
		assert.deepEqual(
			offenders(
				shipped.filter((file) => !allowed(file)),
				httpCall,
			),
			[],
		);
	});

	// Each layer may import the ones after it, never one before it.
	const layers = ['actions', 'methods', 'flowInputs', 'api', 'transport'];
	for (const [depth, layer] of layers.entries()) {
		const above = layers
			.slice(0, depth)
			.filter((upper) => !(layer === 'methods' && upper === 'actions'));
		if (above.length === 0) continue;
		test(`${layer}/ imports nothing from ${above.join(', ')}`, () => {
			const upward = new RegExp(`from '\\.\\./(\\.\\./)?(${above.join('|')})/`);
			assert.deepEqual(offenders(sourcesUnder(`${NODE}/${layer}`), upward), []);
		});
	}

	test('the credential imports the node, never the other way', () => {
		assert.deepEqual(offenders(sourcesUnder('nodes'), /from '(\.\.\/)+credentials\//), []);
	});

	test('the emulator imports nothing of the shipped package: it states Genesys Cloud itself', () => {
		// Built from the node's own tables, the emulator would agree with every mistake in them.
		assert.deepEqual(
			offenders(sourcesUnder('emulator'), /from '(\.\.\/)+(nodes|credentials)\//),
			[],
		);
	});

	test('no two rooms of the package import each other', () => {
		const edges = new Set(
			shipped.flatMap((file) => roomsImportedBy(file).map((to) => `${roomOf(file)} → ${to}`)),
		);
		const mutual = [...edges].filter((edge) => {
			const [from, to] = edge.split(' → ');
			return from < to && edges.has(`${to} → ${from}`);
		});
		assert.deepEqual(mutual, [], 'rooms that import each other');
	});
});

/** credentials/, the node's own files, or one of the node's folders (actions/, api/, transport/…). */
function roomOf(file: string): string {
	const parts = file.split('/');
	return parts[0] === 'nodes' && parts.length > 3
		? parts.slice(0, 3).join('/')
		: path.posix.dirname(file);
}

/** The rooms a file's relative imports reach, other than its own. */
function roomsImportedBy(file: string): string[] {
	const targets = [...read(file).matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) =>
		roomOf(path.posix.join(path.posix.dirname(file), `${match[1]}.ts`)),
	);
	return [...new Set(targets)].filter((room) => room !== roomOf(file));
}
