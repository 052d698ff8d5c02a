/**
 * House rule: one file-naming convention, camelCase (n8n's own, as in nodes/: launchTargets.ts,
 * launch.operation.ts), or PascalCase for files named after a class or model (GenesysCloud.node.ts,
 * FlowRuntimeExecution.json). A base name is dot-separated segments of letters and digits, each starting with a
 * letter: `Flow.resource.ts`, `GenesysCloud.node.json`, `queue.test.ts`; never kebab-case or snake_case.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');

/** The folders of the repository's own code and data whose file names the rule covers. */
const CHECKED_FOLDERS = ['nodes', 'credentials', 'emulator', 'scripts', 'test', 'schemas'];
const CHECKED_EXTENSIONS = ['.ts', '.js', '.mjs', '.json'];

/** camelCase or PascalCase segments separated by dots: no `-`, no `_`, no segment starting with a digit. */
const SEGMENT = /^[A-Za-z][A-Za-z0-9]*$/;

function trackedFiles(): string[] {
	return execFileSync('git', ['ls-files', '-z'], {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	})
		.split('\0')
		.filter((file) => file !== '');
}

function isChecked(file: string): boolean {
	return (
		CHECKED_FOLDERS.includes(file.split('/')[0]) &&
		CHECKED_EXTENSIONS.some((ext) => file.endsWith(ext))
	);
}

function followsConvention(file: string): boolean {
	return path.posix
		.basename(file)
		.split('.')
		.every((segment) => SEGMENT.test(segment));
}

describe('house rules: file names', () => {
	it('accepts camelCase and PascalCase names with dotted segments, and refuses kebab-case and snake_case', () => {
		for (const good of [
			'nodes/GenesysCloud/GenesysCloud.node.json',
			'nodes/a/launch.operation.ts',
			'emulator/flowRun.ts',
			'scripts/n8nRuntime.ts',
			'test/queue/queue.test.ts',
			'schemas/DomainEntityRef.json',
		]) {
			assert.ok(followsConvention(good), good);
		}
		for (const bad of [
			'emulator/flow-run.ts',
			'emulator/seed/default_seed.json',
			'test/emulator/rate-limit.test.ts',
			'scripts/2fast.ts',
			'nodes/a/launch..ts',
		]) {
			assert.ok(!followsConvention(bad), bad);
		}
	});

	it(`names every .ts, .js, .mjs and .json file under ${CHECKED_FOLDERS.join('/, ')}/ in camelCase or PascalCase`, () => {
		const checked = trackedFiles().filter(isChecked);
		assert.ok(
			checked.length > 0,
			`git ls-files in ${ROOT} listed no file under ${CHECKED_FOLDERS.join(', ')}`,
		);
		const offenders = checked.filter((file) => !followsConvention(file));
		assert.deepEqual(
			offenders,
			[],
			`${offenders.length} file(s) break the camelCase file-naming convention (segments of letters and digits, ` +
				`separated by dots; no '-' or '_'). Rename them with \`git mv\` and update their imports:\n` +
				offenders.map((file) => `  ${file}`).join('\n'),
		);
	});
});
