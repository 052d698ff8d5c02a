/**
 * A tiny community package written on the fly (`n8n-nodes-e2e-probe`), to test the install path without the
 * real build. Its node reports which `n8n-workflow` file it resolves (it must be n8n's own copy, as in a real
 * install, or n8n's `instanceof` checks on errors the package throws would fail), and it has one of each
 * dynamic parameter (load options, list search, resource mapper) and a credential test, for the REST helpers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { makeTempDir, type TempDir } from './tempDir';

export const PROBE_PACKAGE = 'n8n-nodes-e2e-probe';
export const PROBE_NODE_TYPE = `${PROBE_PACKAGE}.e2eProbe`;
export const PROBE_CREDENTIAL_TYPE = 'e2eProbeApi';

const nodeSource = `
const COLORS = ['red', 'green', 'blue', 'cyan'];
class E2eProbe {
	constructor() {
		this.description = {
			displayName: 'E2E Probe', name: 'e2eProbe', group: ['transform'], version: 1,
			description: 'Reports how the package resolved n8n-workflow',
			defaults: { name: 'E2E Probe' }, inputs: ['main'], outputs: ['main'],
			credentials: [{ name: '${PROBE_CREDENTIAL_TYPE}', required: false, testedBy: 'probeTest' }],
			properties: [
				{ displayName: 'Label', name: 'label', type: 'string', default: 'probe' },
				{ displayName: 'Color', name: 'color', type: 'options', typeOptions: { loadOptionsMethod: 'getColors' }, default: '' },
				{ displayName: 'Thing', name: 'thing', type: 'resourceLocator', default: { mode: 'list', value: '' },
					modes: [
						{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchThings', searchable: true } },
						{ displayName: 'ID', name: 'id', type: 'string' },
					] },
				{ displayName: 'Fields', name: 'fields', type: 'resourceMapper', noDataExpression: true,
					default: { mappingMode: 'defineBelow', value: null },
					typeOptions: { loadOptionsDependsOn: ['thing.value'],
						resourceMapper: { resourceMapperMethod: 'getThingFields', mode: 'add', fieldWords: { singular: 'field', plural: 'fields' }, addAllFields: true, supportAutoMap: false } } },
			],
		};
		this.methods = {
			loadOptions: {
				async getColors() { return COLORS.map((c) => ({ name: c, value: c })); },
			},
			listSearch: {
				async searchThings(filter) {
					const all = COLORS.map((c, i) => ({ name: 'Thing ' + c, value: 'thing-' + i }));
					return { results: all.filter((t) => !filter || t.name.toLowerCase().includes(filter.toLowerCase())) };
				},
			},
			resourceMapping: {
				async getThingFields() {
					const thing = this.getNodeParameter('thing', undefined, { extractValue: true });
					return { fields: [
						{ id: 'name', displayName: 'Name', required: true, defaultMatch: false, display: true, type: 'string' },
						{ id: 'size', displayName: 'Size of ' + thing, required: false, defaultMatch: false, display: true, type: 'number' },
					] };
				},
			},
			credentialTest: {
				async probeTest(credential) {
					const token = credential.data && credential.data.token;
					return token === 'good' ? { status: 'OK', message: 'Connection successful!' } : { status: 'Error', message: 'bad token' };
				},
			},
		};
	}
	async execute() {
		return [[{ json: {
			label: this.getNodeParameter('label', 0),
			n8nWorkflowPath: require.resolve('n8n-workflow'),
			packageDir: __dirname,
		}, pairedItem: { item: 0 } }]];
	}
}
module.exports = { E2eProbe };
`;

const credentialSource = `
class E2eProbeApi {
	constructor() {
		this.name = '${PROBE_CREDENTIAL_TYPE}';
		this.displayName = 'E2E Probe API';
		this.properties = [{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' }];
	}
}
module.exports = { E2eProbeApi };
`;

/** Writes the probe package's folder (ready for `npm pack`); remove it when done. */
export function writeProbePackage(): TempDir {
	const dir = makeTempDir('probe-package');
	const write = (rel: string, text: string) => {
		fs.mkdirSync(path.dirname(path.join(dir.path, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir.path, rel), text);
	};
	write(
		'package.json',
		JSON.stringify(
			{
				name: PROBE_PACKAGE,
				version: '0.0.1',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					nodes: ['dist/nodes/E2eProbe.node.js'],
					credentials: ['dist/credentials/E2eProbeApi.credentials.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
				devDependencies: { 'n8n-workflow': '2.41.0' },
			},
			null,
			2,
		),
	);
	write('dist/nodes/E2eProbe.node.js', nodeSource);
	write('dist/credentials/E2eProbeApi.credentials.js', credentialSource);
	return dir;
}
