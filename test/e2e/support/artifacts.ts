/**
 * Test artifacts meant to be read by people (e.g. the tool definition a model received, quoted in an issue's
 * closing note): written under `.tmp/e2e-artifacts/` (git-ignored, kept after the run, overwritten by the next).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { TMP_ROOT } from './tempDir';

export const ARTIFACTS_DIR = path.join(TMP_ROOT, 'e2e-artifacts');

/** Writes `text` to `.tmp/e2e-artifacts/<name>` and returns the file's path. */
export function writeArtifact(name: string, text: string): string {
	fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
	const file = path.join(ARTIFACTS_DIR, name);
	fs.writeFileSync(file, text);
	return file;
}
