/**
 * The flows of the seed as the API shows them. Entities are built once at start-up (flows never change while the
 * emulator runs), so GET handlers only serialize.
 */
import { toRealSchema, type SchemaDialect } from './schemaDialect';
import type { LoadedSeed } from './seed/loader';
import type { JsonSchemaDoc, SeedFlow, SeedRun, SeedVersion } from './seed/model';

/** A body in both schema dialects, precomputed at start-up. */
export type ByDialect<T> = Record<SchemaDialect, T>;

export interface CatalogVersion {
	seed: SeedVersion;
	id: string;
	name: string;
	type: 'PUBLISH' | 'CHECKIN' | 'SAVE';
	/** The seed's (plain) schemas: what launch checks and outputs are computed from, whatever dialect is served. */
	inputSchema: JsonSchemaDoc | undefined;
	outputSchema: JsonSchemaDoc | undefined;
	/** The schemas in each dialect. */
	schemas: ByDialect<{ input: JsonSchemaDoc | undefined; output: JsonSchemaDoc | undefined }>;
	run: SeedRun;
	/** Full FlowVersion, schemas included (versions endpoints, execution status), per dialect. */
	entity: ByDialect<Record<string, unknown>>;
	/** FlowVersion without schemas (nested in Flow). */
	summary: Record<string, unknown>;
	/** {id, name, selfUri} (launch response). */
	ref: { id: string; name: string; selfUri: string };
}

export interface CatalogFlow {
	seed: SeedFlow;
	id: string;
	name: string;
	description: string;
	type: string;
	deleted: boolean;
	versions: Map<string, CatalogVersion>;
	versionList: CatalogVersion[];
	published: CatalogVersion | undefined;
	/** The seed's schemaDialect: served whatever the schemaDialect knob says. */
	fixedDialect: SchemaDialect | undefined;
	/** Flow with the published version's inputSchema/outputSchema, per dialect. */
	entity: ByDialect<Record<string, unknown>>;
	/** Flow without inputSchema/outputSchema (listing with includeSchemas=false). */
	entityWithoutSchemas: Record<string, unknown>;
}

/** The dialect a flow's schemas are served in: its seed's schemaDialect, else the schemaDialect knob. */
export const dialectOf = (flow: CatalogFlow, knob: SchemaDialect): SchemaDialect =>
	flow.fixedDialect ?? knob;

export const flowUri = (id: string) => `/api/v2/flows/${encodeURIComponent(id)}`;
export const versionUri = (flowId: string, versionId: string) =>
	`${flowUri(flowId)}/versions/${encodeURIComponent(versionId)}`;

export class Catalog {
	readonly flows = new Map<string, CatalogFlow>();
	/** In seed order, for listings. */
	readonly list: CatalogFlow[] = [];

	constructor(seed: LoadedSeed) {
		const divisions = new Map(seed.divisions.map((d) => [d.id, d]));
		for (const flow of seed.allFlows) {
			const built = buildFlow(
				flow,
				divisions.get(flow.divisionId ?? seed.divisions[0].id) ?? seed.divisions[0],
			);
			this.flows.set(built.id, built);
			this.list.push(built);
		}
	}

	get(id: string): CatalogFlow | undefined {
		return this.flows.get(id);
	}
}

function buildFlow(flow: SeedFlow, division: { id: string; name: string }): CatalogFlow {
	const versionList = (flow.versions ?? []).map((v) => buildVersion(flow, v));
	const versions = new Map(versionList.map((v) => [v.id, v]));
	const published = flow.publishedVersion ? versions.get(flow.publishedVersion) : undefined;
	const withoutSchemas: Record<string, unknown> = {
		id: flow.id,
		name: flow.name,
		...(flow.description !== undefined && { description: flow.description }),
		type: flow.type.toUpperCase(),
		division: {
			id: division.id,
			name: division.name,
			selfUri: `/api/v2/authorization/divisions/${division.id}`,
		},
		active: flow.active ?? true,
		system: false,
		deleted: flow.deleted ?? false,
		...(published && { publishedVersion: published.summary }),
		...(flow.savedVersion && { savedVersion: versions.get(flow.savedVersion)!.summary }),
		...(flow.checkedInVersion && {
			checkedInVersion: versions.get(flow.checkedInVersion)!.summary,
		}),
		selfUri: flowUri(flow.id),
	};
	const withSchemas = (dialect: SchemaDialect) => ({
		...withoutSchemas,
		...(published?.schemas[dialect].input && { inputSchema: published.schemas[dialect].input }),
		...(published?.schemas[dialect].output && { outputSchema: published.schemas[dialect].output }),
	});
	const entity = { real: withSchemas('real'), plain: withSchemas('plain') };
	return {
		seed: flow,
		id: flow.id,
		name: flow.name,
		description: flow.description ?? '',
		type: flow.type.toUpperCase(),
		deleted: flow.deleted ?? false,
		versions,
		versionList,
		published,
		fixedDialect: flow.schemaDialect,
		entity,
		entityWithoutSchemas: withoutSchemas,
	};
}

function buildVersion(flow: SeedFlow, v: SeedVersion): CatalogVersion {
	const name = v.name ?? v.id;
	const type = v.type ?? 'PUBLISH';
	const selfUri = versionUri(flow.id, v.id);
	// Real FlowVersions carry epoch-ms dateSaved/dateCheckedIn next to dateCreated and a generationId (captured:
	// WORKFLOW_VERSION_PUBLISHED); the other generationIds are guessed in the same pattern.
	const generation = { PUBLISH: 'PUBLISHED', CHECKIN: 'CHECKED_IN', SAVE: 'SAVED' }[type];
	const summary: Record<string, unknown> = {
		id: v.id,
		name,
		commitVersion: v.id,
		configurationVersion: v.id,
		type,
		secure: false,
		debug: false,
		createdBy: {
			id: '00000000-0000-4000-8000-0000000000aa',
			name: 'Architect author',
			selfUri: '/api/v2/users/00000000-0000-4000-8000-0000000000aa',
		},
		...(v.dateCreated !== undefined && { dateCreated: v.dateCreated, dateSaved: v.dateCreated }),
		...(v.dateCreated !== undefined && type !== 'SAVE' && { dateCheckedIn: v.dateCreated }),
		...(v.datePublished !== undefined && { datePublished: v.datePublished }),
		generationId: `${flow.type.toUpperCase()}_VERSION_${generation}`,
		configurationUri: `${selfUri}/configuration`,
		selfUri,
	};
	const schemas: CatalogVersion['schemas'] = {
		plain: { input: v.inputSchema, output: v.outputSchema },
		real: {
			input: v.inputSchema && toRealSchema(v.inputSchema, 'input'),
			output: v.outputSchema && toRealSchema(v.outputSchema, 'output'),
		},
	};
	const withSchemas = (dialect: SchemaDialect) => ({
		...summary,
		...(schemas[dialect].input && { inputSchema: schemas[dialect].input }),
		...(schemas[dialect].output && { outputSchema: schemas[dialect].output }),
	});
	const entity = { real: withSchemas('real'), plain: withSchemas('plain') };
	return {
		seed: v,
		id: v.id,
		name,
		type,
		inputSchema: v.inputSchema,
		outputSchema: v.outputSchema,
		schemas,
		run: { ...(flow.run ?? {}), ...(v.run ?? {}) },
		entity,
		summary,
		ref: { id: v.id, name, selfUri },
	};
}
