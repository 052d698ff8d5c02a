// The package's main: the built node and credential classes, for tools that load packages by `require`.
// n8n itself loads the files listed in package.json's `n8n` section.
module.exports = {
	...require('./dist/credentials/GenesysCloudOAuth2Api.credentials.js'),
	...require('./dist/nodes/GenesysCloud/GenesysCloud.node.js'),
};
