import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { ALL_PERMISSION_NAMES, PERMISSIONS } from '../nodes/GenesysCloud/api/permissions';
import { CUSTOM_REGION, GENESYS_REGIONS } from '../nodes/GenesysCloud/transport/regions';
import { DEFAULT_SCOPE } from '../nodes/GenesysCloud/transport/scope';
import { obtainToken } from '../nodes/GenesysCloud/transport/tokenClient';

export class GenesysCloudOAuth2Api implements ICredentialType {
	name = 'genesysCloudOAuth2Api';

	displayName = 'Genesys Cloud OAuth2 API';

	icon: Icon = {
		light: 'file:genesysCloud.svg',
		dark: 'file:genesysCloud.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-genesys-cloud/n8n-nodes-genesys-cloud#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [...GENESYS_REGIONS, { name: 'Custom (Enter Base URLs)', value: CUSTOM_REGION }],
			default: 'mypurecloud.com',
			description:
				'The region of your Genesys Cloud org (the domain in the URL you log in at). An OAuth client works only in the region where it was created.',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.mypurecloud.com',
			description:
				'For new regions, private gateways or a local emulator: the base URL API paths start from',
			displayOptions: { show: { region: [CUSTOM_REGION] } },
		},
		{
			displayName: 'Login Base URL',
			name: 'loginBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://login.mypurecloud.com',
			description: 'The base URL of the OAuth token endpoint (/oauth/token is appended)',
			displayOptions: { show: { region: [CUSTOM_REGION] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: `ID of an OAuth client with the Client Credentials grant (Admin > Integrations > OAuth), whose roles hold ${ALL_PERMISSION_NAMES} in the divisions of your workflows`,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret of that OAuth client',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_SCOPE,
			description: `Scopes requested with the token, separated by spaces; leave empty to request none. Genesys Cloud grants client-credentials clients their access through roles, but some orgs and gateways also require the ${DEFAULT_SCOPE} scope.`,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Granted Scope',
			name: 'grantedScope',
			type: 'hidden',
			default: '',
		},
	];

	// n8n calls this when the stored token is empty or was just rejected with a 401, and stores what it returns.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await obtainToken(this, credentials);
	}

	// A function rather than a generic `={{$credentials.accessToken}}` template: n8n evaluates a template as an
	// expression on every request, which costs more than the request itself in bulk runs.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.accessToken ?? '')}`,
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			// Same base URL as resolveHosts gives the node: trimmed, then without trailing slashes.
			baseURL:
				'={{$credentials.region === "custom" ? String($credentials.apiBaseUrl).trim().replace(/\\/+$/, "") : "https://api." + $credentials.region}}',
			url: '/api/v2/flows',
			qs: { type: 'workflow', pageSize: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: `The token works, but the OAuth client cannot list workflows: its roles lack the ${PERMISSIONS.flowView.name} permission (${PERMISSIONS.flowView.role}). Add a role with it, and with ${PERMISSIONS.flowLaunch.name} and ${PERMISSIONS.flowExecutionView.name}, in the divisions of your workflows.`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Genesys Cloud issued a token but the API refused it: check that the API base URL belongs to the same region as the login base URL.',
				},
			},
		],
	};
}
