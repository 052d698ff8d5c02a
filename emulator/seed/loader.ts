/**
 * Reads a seed file and expands its bulk flows. Checks the references a hand-edited seed gets wrong (version ids,
 * division ids, duplicate ids, unknown roles) so that a broken seed fails at start-up, not in the middle of a test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateBulkFlows } from './bulk';
import type { SeedFile, SeedFlow } from './model';

export const DEFAULT_SEED_FILE = path.join(__dirname, 'defaultSeed.json');

export interface LoadedSeed extends SeedFile {
	/** Hand-written flows followed by the generated bulk flows. */
	allFlows: SeedFlow[];
}

export function loadSeed(file: string = DEFAULT_SEED_FILE): LoadedSeed {
	let seed: SeedFile;
	try {
		seed = JSON.parse(fs.readFileSync(file, 'utf8')) as SeedFile;
	} catch (error) {
		throw new Error(`Cannot read seed file ${file}: ${(error as Error).message}`);
	}
	const problems: string[] = [];
	if (!Array.isArray(seed.divisions) || seed.divisions.length === 0)
		problems.push('divisions must list at least one division');
	if (!Array.isArray(seed.clients)) problems.push('clients must be an array');
	if (!Array.isArray(seed.flows)) problems.push('flows must be an array');
	if (problems.length) throw new Error(`Invalid seed ${file}: ${problems.join('; ')}`);

	const divisionIds = new Set(seed.divisions.map((d) => d.id));
	const allFlows = [
		...seed.flows,
		...(seed.bulkFlows ? generateBulkFlows(seed.bulkFlows, seed.divisions[0].id) : []),
	];
	const flowIds = new Set<string>();
	for (const flow of allFlows) {
		if (flowIds.has(flow.id)) problems.push(`duplicate flow id ${flow.id}`);
		flowIds.add(flow.id);
		if (!flow.name || !flow.type) problems.push(`flow ${flow.id} needs a name and a type`);
		if (flow.divisionId && !divisionIds.has(flow.divisionId))
			problems.push(`flow ${flow.id}: unknown division ${flow.divisionId}`);
		const versionIds = new Set((flow.versions ?? []).map((v) => v.id));
		for (const ref of [flow.publishedVersion, flow.savedVersion, flow.checkedInVersion]) {
			if (ref && !versionIds.has(ref))
				problems.push(`flow ${flow.id}: version ${ref} is not in its versions`);
		}
		if (
			flow.schemaDialect !== undefined &&
			flow.schemaDialect !== 'real' &&
			flow.schemaDialect !== 'plain'
		)
			problems.push(`flow ${flow.id}: schemaDialect must be "real" or "plain"`);
		// run.needs and run.initialValues must name inputs of every version they apply to.
		for (const version of flow.versions ?? []) {
			const run = { ...(flow.run ?? {}), ...(version.run ?? {}) };
			const inputs = new Set(Object.keys(version.inputSchema?.properties ?? {}));
			for (const key of [...(run.needs ?? []), ...Object.keys(run.initialValues ?? {})])
				if (!inputs.has(key))
					problems.push(
						`flow ${flow.id} version ${version.id}: run names '${key}', which is not an input`,
					);
		}
	}
	const clientIds = new Set<string>();
	for (const client of seed.clients) {
		if (clientIds.has(client.clientId)) problems.push(`duplicate client ${client.clientId}`);
		clientIds.add(client.clientId);
		for (const role of client.roles ?? []) {
			if (!seed.roles?.[role]) problems.push(`client ${client.clientId}: unknown role ${role}`);
		}
	}
	if (problems.length) throw new Error(`Invalid seed ${file}: ${problems.join('; ')}`);
	return { ...seed, allFlows };
}
