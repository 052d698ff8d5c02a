// The build steps `n8n-node build` (n8n's node CLI: tsc, then every .png/.svg into dist/) does not do: generate the
// API model types from the JSON Schemas in schemas/ (the single source of truth shared by the node and the
// emulator) before it, and copy the node's codex file (GenesysCloud.node.json: categories, aliases, docs links,
// which n8n reads beside the .node.js) after it. The CLI copies only `__schema__` JSON files.
const { src, dest, series } = require('gulp');
const fs = require('node:fs');
const path = require('node:path');

const SCHEMAS_DIR = path.join(__dirname, 'schemas');
const GENERATED_FILE = path.join(SCHEMAS_DIR, 'generated', 'genesys.ts');
const BANNER = `/* Generated from schemas/*.json by \`npm run build:types\` (gulp types). Do not edit by hand. */`;

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

function schemaFiles() {
	return fs
		.readdirSync(SCHEMAS_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

// One synthetic root that references every model, so each type is declared exactly once.
async function renderTypes() {
	const { compile } = require('json-schema-to-typescript');
	const properties = {};
	for (const file of schemaFiles()) properties[path.basename(file, '.json')] = { $ref: file };
	const root = {
		title: 'GenesysCloudModels',
		description: 'Every Genesys Cloud API model this package uses, keyed by name.',
		type: 'object',
		properties,
		required: Object.keys(properties),
		additionalProperties: false,
	};
	return compile(root, 'GenesysCloudModels', {
		cwd: SCHEMAS_DIR,
		bannerComment: BANNER,
		declareExternallyReferenced: true,
		additionalProperties: false,
		style: { useTabs: true, singleQuote: true, printWidth: 110 },
	});
}

async function types() {
	fs.mkdirSync(path.dirname(GENERATED_FILE), { recursive: true });
	fs.writeFileSync(GENERATED_FILE, await renderTypes());
}

async function typesCheck() {
	const current = fs.existsSync(GENERATED_FILE) ? fs.readFileSync(GENERATED_FILE, 'utf8') : '';
	if (current !== (await renderTypes())) {
		throw new Error(
			'schemas/generated/genesys.ts is stale: a schema in schemas/ changed. Run `npm run build:types` and commit the result.',
		);
	}
}

exports.codex = copyCodex;
exports.types = types;
exports['types:check'] = typesCheck;
exports.default = series(types, copyCodex);
