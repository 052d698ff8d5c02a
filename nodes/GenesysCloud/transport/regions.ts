// Built by a function rather than written as objects: n8n's lint would title-case the domains in them.
/** An option of the credential's Region list: the location, then the domain it stands for. */
function region(location: string, domain: string): { name: string; value: string } {
	return { name: `${location} — ${domain}`, value: domain };
}

/**
 * Genesys Cloud regions as the current platform SDKs list them. The value is the domain the API and login
 * hosts derive from (`https://api.<domain>`, `https://login.<domain>`); `custom` takes both URLs as given.
 */
export const GENESYS_REGIONS: ReadonlyArray<{ name: string; value: string }> = [
	region('Americas (US East, Virginia)', 'mypurecloud.com'),
	region('Americas (US East 2, FedRAMP)', 'use2.us-gov-pure.cloud'),
	region('Americas (US West, Oregon)', 'usw2.pure.cloud'),
	region('Americas (Canada)', 'cac1.pure.cloud'),
	region('Americas (São Paulo)', 'sae1.pure.cloud'),
	region('Americas (Mexico)', 'mxc1.pure.cloud'),
	region('EMEA (Dublin)', 'mypurecloud.ie'),
	region('EMEA (London)', 'euw2.pure.cloud'),
	region('EMEA (Frankfurt)', 'mypurecloud.de'),
	region('EMEA (Zurich)', 'euc2.pure.cloud'),
	region('EMEA (UAE)', 'mec1.pure.cloud'),
	region('EMEA (EU Sovereign Cloud)', 'edee1.eusc-pure.cloud'),
	region('Asia Pacific (Mumbai)', 'aps1.pure.cloud'),
	region('Asia Pacific (Tokyo)', 'mypurecloud.jp'),
	region('Asia Pacific (Seoul)', 'apne2.pure.cloud'),
	region('Asia Pacific (Osaka)', 'apne3.pure.cloud'),
	region('Asia Pacific (Singapore)', 'apse1.pure.cloud'),
	region('Asia Pacific (Sydney)', 'mypurecloud.com.au'),
];

export const CUSTOM_REGION = 'custom';

export interface GenesysHosts {
	apiBaseUrl: string;
	loginBaseUrl: string;
	/** How the region was chosen, for error messages ("region EMEA (Dublin)" or "custom URLs"). */
	regionLabel: string;
}

function trimSlashes(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/** The API and login base URLs a credential points at. */
export function resolveHosts(credentials: {
	region?: unknown;
	apiBaseUrl?: unknown;
	loginBaseUrl?: unknown;
}): GenesysHosts {
	const region = String(credentials.region ?? 'mypurecloud.com');
	if (region === CUSTOM_REGION) {
		return {
			apiBaseUrl: trimSlashes(String(credentials.apiBaseUrl ?? '')),
			loginBaseUrl: trimSlashes(String(credentials.loginBaseUrl ?? '')),
			regionLabel: 'custom URLs',
		};
	}
	const known = GENESYS_REGIONS.find((r) => r.value === region);
	const label = known ? known.name.split(' — ')[0] : region;
	return {
		apiBaseUrl: `https://api.${region}`,
		loginBaseUrl: `https://login.${region}`,
		regionLabel: `region ${label}`,
	};
}
