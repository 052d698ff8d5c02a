/**
 * Genesys Cloud regions as the current platform SDKs list them. The value is the domain the API and login
 * hosts derive from (`https://api.<domain>`, `https://login.<domain>`); `custom` takes both URLs as given.
 */
export const GENESYS_REGIONS: ReadonlyArray<{ name: string; value: string }> = [
	{ name: 'Americas (US East, Virginia) — mypurecloud.com', value: 'mypurecloud.com' },
	{
		name: 'Americas (US East 2, FedRAMP) — use2.us-gov-pure.cloud',
		value: 'use2.us-gov-pure.cloud',
	},
	{ name: 'Americas (US West, Oregon) — usw2.pure.cloud', value: 'usw2.pure.cloud' },
	{ name: 'Americas (Canada) — cac1.pure.cloud', value: 'cac1.pure.cloud' },
	{ name: 'Americas (São Paulo) — sae1.pure.cloud', value: 'sae1.pure.cloud' },
	{ name: 'Americas (Mexico) — mxc1.pure.cloud', value: 'mxc1.pure.cloud' },
	{ name: 'EMEA (Dublin) — mypurecloud.ie', value: 'mypurecloud.ie' },
	{ name: 'EMEA (London) — euw2.pure.cloud', value: 'euw2.pure.cloud' },
	{ name: 'EMEA (Frankfurt) — mypurecloud.de', value: 'mypurecloud.de' },
	{ name: 'EMEA (Zurich) — euc2.pure.cloud', value: 'euc2.pure.cloud' },
	{ name: 'EMEA (UAE) — mec1.pure.cloud', value: 'mec1.pure.cloud' },
	{ name: 'EMEA (EU Sovereign Cloud) — edee1.eusc-pure.cloud', value: 'edee1.eusc-pure.cloud' },
	{ name: 'Asia Pacific (Mumbai) — aps1.pure.cloud', value: 'aps1.pure.cloud' },
	{ name: 'Asia Pacific (Tokyo) — mypurecloud.jp', value: 'mypurecloud.jp' },
	{ name: 'Asia Pacific (Seoul) — apne2.pure.cloud', value: 'apne2.pure.cloud' },
	{ name: 'Asia Pacific (Osaka) — apne3.pure.cloud', value: 'apne3.pure.cloud' },
	{ name: 'Asia Pacific (Singapore) — apse1.pure.cloud', value: 'apse1.pure.cloud' },
	{ name: 'Asia Pacific (Sydney) — mypurecloud.com.au', value: 'mypurecloud.com.au' },
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
