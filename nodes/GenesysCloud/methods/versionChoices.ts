import type { INodeListSearchItems } from 'n8n-workflow';

import type { FlowVersion } from '../../../schemas/generated/genesys';

const NOT_PUBLISHED: Record<string, string> = {
	CHECKIN: 'checked in, not published',
	SAVE: 'saved, not published',
};

/** "3.0" → [3, 0]; undefined for an id that is not dotted numbers. */
function numbersOf(id: string): number[] | undefined {
	return /^\d+(\.\d+)*$/.test(id) ? id.split('.').map(Number) : undefined;
}

/**
 * Newest first. Architect numbers versions upwards, so "12.0" is newer than "9.0" whatever the dates say (the
 * seed and some exports share one dateCreated); ids that are not numbers come after, newest created first.
 */
export function newestFirst(a: FlowVersion, b: FlowVersion): number {
	const [x, y] = [numbersOf(a.id), numbersOf(b.id)];
	if (x && y) {
		for (let i = 0; i < Math.max(x.length, y.length); i++) {
			const difference = (y[i] ?? 0) - (x[i] ?? 0);
			if (difference !== 0) return difference;
		}
		return 0;
	}
	if (x || y) return x ? -1 : 1;
	return (b.dateCreated ?? 0) - (a.dateCreated ?? 0) || b.id.localeCompare(a.id);
}

function label(version: FlowVersion, publishedId: string | undefined): string {
	const name = version.name || version.id;
	if (version.id === publishedId) return `${name} (published)`;
	const state = NOT_PUBLISHED[version.type ?? ''];
	return state ? `${name} (${state})` : name;
}

/**
 * The Flow Version list: the published version first and marked, then the others newest first, those never
 * published marked too; `filter` keeps the versions whose name contains it. Genesys documents no order and no
 * name filter for the versions listing, so both happen here.
 */
export function versionChoices(
	versions: FlowVersion[],
	publishedId: string | undefined,
	filter = '',
): INodeListSearchItems[] {
	const seen = new Set<string>();
	const unique = versions.filter((version) => {
		if (!version.id || seen.has(version.id)) return false;
		seen.add(version.id);
		return true;
	});
	const wanted = filter.trim().toLowerCase();
	const isPublished = (version: FlowVersion) => Number(version.id === publishedId);
	return unique
		.filter((version) => (version.name || version.id).toLowerCase().includes(wanted))
		.sort((a, b) => isPublished(b) - isPublished(a) || newestFirst(a, b))
		.map((version) => ({ name: label(version, publishedId), value: version.id }));
}
