/**
 * n8n's package scanner (`npx @n8n/scan-community-package <name>`, the gate of n8n's verification) on this
 * package, run the way its `analyzePackageByName` does after downloading a published version: its ESLint
 * analysis of the source files it fetches from the commit the npm provenance names (package.json, nodes/,
 * credentials/), and of the tarball's compiled .js and package.json. Only the download and the provenance check itself need
 * a published version; docs/verification.md says how those are met. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { packProject } from '../e2e/support/installPackage';
import { makeTempDir, PROJECT_ROOT, type TempDir } from '../e2e/support/tempDir';

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}

interface Scanner {
	analyzePackage(dir: string, patterns?: string[]): Promise<ScanResult>;
	SOURCE_FILE_PATTERNS: string[];
}

/** The tarball leg's files (scanner.mjs: `.d.ts` declarations are left to the source leg). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/** The scanner's own module: the functions its CLI calls, on folders instead of registry downloads. */
async function loadScanner(): Promise<Scanner> {
	return (await import(
		require.resolve('@n8n/scan-community-package/scanner/scanner.mjs')
	)) as Scanner;
}

const explain = (result: ScanResult) => `${result.message ?? ''}\n${result.details ?? ''}`;

describe("n8n's community package scanner", () => {
	let scanner: Scanner;
	let unpacked: TempDir;

	before(async () => {
		scanner = await loadScanner();
		const { tarball } = await packProject();
		unpacked = makeTempDir('scan');
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked.path, '--strip-components=1']);
	});

	after(() => unpacked?.remove());

	test('passes the tarball npm would publish (its compiled .js and package.json)', async () => {
		const result = await scanner.analyzePackage(unpacked.path, TARBALL_PATTERNS);
		assert.equal(result.passed, true, explain(result));
		assert.notEqual(result.message, 'No files found to analyze');
	});

	test('passes the source files it reads from the attested commit', async () => {
		const result = await scanner.analyzePackage(PROJECT_ROOT, scanner.SOURCE_FILE_PATTERNS);
		assert.equal(result.passed, true, explain(result));
		assert.notEqual(result.message, 'No files found to analyze');
	});
});
