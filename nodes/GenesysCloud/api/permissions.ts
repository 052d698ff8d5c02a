/**
 * The Genesys Cloud permissions this node needs, each with where an admin finds it in a role. The one list that
 * the credential's help texts, the error hints and the emulator's routes use.
 */
export const PERMISSIONS = {
	flowView: { name: 'architect:flow:view', role: 'Architect > Flow > View' },
	flowLaunch: { name: 'architect:flow:launch', role: 'Architect > Flow > Launch' },
	flowExecutionView: {
		name: 'architect:flowExecution:view',
		role: 'Architect > Flow Execution > View',
	},
} as const;

export type PermissionName = (typeof PERMISSIONS)[keyof typeof PERMISSIONS]['name'];

const ALL = Object.values(PERMISSIONS);

/** "architect:flow:view, architect:flow:launch and architect:flowExecution:view" */
export const ALL_PERMISSION_NAMES = `${ALL.slice(0, -1)
	.map((permission) => permission.name)
	.join(', ')} and ${ALL[ALL.length - 1].name}`;

/** "architect:flow:launch (Architect > Flow > Launch)", or the bare name for a permission this list lacks. */
export function withRole(name: string): string {
	const known = ALL.find((permission) => permission.name === name);
	return known ? `${name} (${known.role})` : name;
}
