/**
 * Installs this project into an n8n instance the way n8n's Community Nodes screen does
 * (n8n 2.41 `CommunityPackagesService.downloadPackage`):
 *   1. `npm pack` → a tarball (n8n packs `<name>@<version>` from the registry; we pack the working tree);
 *   2. extract it into `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>` (`tar -xzf … --strip-components=1`);
 *   3. drop `devDependencies`, `peerDependencies` and `optionalDependencies` from its package.json, so the peer
 *      `n8n-workflow` is never installed: at run time it resolves to n8n's own copy (n8n puts its module paths
 *      on NODE_PATH before loading packages);
 *   4. `npm install` inside the package for its runtime `dependencies` (ours has none, so this is skipped);
 *   5. record `<name>: <version>` in `.n8n/nodes/package.json`.
 * On start, n8n scans `.n8n/nodes/node_modules/n8n-nodes-*` (and `@*\/n8n-nodes-*`), so node types are
 * `<package>.<node>` and credential types keep their own names. No database row is needed to load and use it;
 * the `installed_packages` table only feeds Settings → Community nodes (list, update, uninstall).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { findNode24 } from '../../../scripts/n8nRuntime';
import { runCommand } from './processes';
import { makeTempDir, PROJECT_ROOT, type TempDir } from './tempDir';

export interface PackedPackage {
	tarball: string;
	name: string;
	version: string;
}

export interface InstalledPackage {
	name: string;
	version: string;
	/** `<nodesDir>/node_modules/<name>` */
	dir: string;
}

interface PackageJson {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
}

const packs = new Map<string, Promise<PackedPackage>>();
let packDir: TempDir | undefined;

function npmEnv(): NodeJS.ProcessEnv {
	const node = findNode24();
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: [path.dirname(node), process.env.PATH].join(path.delimiter),
	};
	for (const k of Object.keys(env))
		if (/^npm_(package_|lifecycle_|config_(prefix|local_prefix|global)$)/i.test(k)) delete env[k];
	return env;
}

/** Fails early, naming what to run, when the built files the package declares are missing. */
export function assertBuilt(projectDir = PROJECT_ROOT): PackageJson {
	const pkg = JSON.parse(
		fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8'),
	) as PackageJson;
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	if (!declared.length)
		throw new Error(`${projectDir}/package.json declares no n8n nodes or credentials`);
	const missing = declared.filter((f) => !fs.existsSync(path.join(projectDir, f)));
	if (missing.length) {
		throw new Error(
			`The package is not built (missing ${missing.join(', ')}). Run \`npm run build\` first.`,
		);
	}
	return pkg;
}

/**
 * `npm pack` of the project (built files only, as published), once per process and project folder.
 * Scripts are not run: build first (`npm run build`).
 */
export function packProject(projectDir = PROJECT_ROOT): Promise<PackedPackage> {
	let packed = packs.get(projectDir);
	if (!packed) {
		packed = doPack(projectDir);
		packs.set(projectDir, packed);
		packed.catch(() => packs.delete(projectDir));
	}
	return packed;
}

async function doPack(projectDir: string): Promise<PackedPackage> {
	const pkg = assertBuilt(projectDir);
	if (!packDir) {
		packDir = makeTempDir('pack');
		const dir = packDir;
		process.once('exit', () => dir.remove());
	}
	const result = await runCommand(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', packDir.path],
		{ cwd: projectDir, env: npmEnv(), timeoutMs: 120_000 },
	);
	if (result.code !== 0)
		throw new Error(`npm pack failed (exit ${result.code}):\n${result.stderr || result.stdout}`);
	const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as Array<{
		filename: string;
	}>;
	const tarball = path.join(packDir.path, path.basename(info.filename));
	if (!fs.existsSync(tarball))
		throw new Error(`npm pack reported ${info.filename} but ${tarball} does not exist`);
	return { tarball, name: pkg.name, version: pkg.version };
}

/** Installs a package tarball into an n8n `nodes` folder (`<N8N_USER_FOLDER>/.n8n/nodes`), as n8n does. */
export async function installTarball(nodesDir: string, tarball: string): Promise<InstalledPackage> {
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	// Read the name from the tarball's package.json before choosing the target folder.
	const staging = fs.mkdtempSync(path.join(nodesDir, '.staging-'));
	try {
		const untar = await runCommand(
			'tar',
			['-xzf', tarball, '-C', staging, '--strip-components=1'],
			{
				timeoutMs: 60_000,
			},
		);
		if (untar.code !== 0) throw new Error(`tar -xzf ${tarball} failed: ${untar.stderr}`);
		const pkgFile = path.join(staging, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
			fs.readFileSync(pkgFile, 'utf8'),
		) as PackageJson;
		void devDependencies;
		void peerDependencies;
		void optionalDependencies;
		fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));

		const dir = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(dir), { recursive: true });
		fs.renameSync(staging, dir);

		if (pkg.dependencies && Object.keys(pkg.dependencies).length) {
			const npm = await runCommand(
				'npm',
				[
					'install',
					'--audit=false',
					'--fund=false',
					'--bin-links=false',
					'--install-strategy=shallow',
					'--ignore-scripts=true',
					'--package-lock=false',
				],
				{ cwd: dir, env: npmEnv(), timeoutMs: 300_000 },
			);
			if (npm.code !== 0)
				throw new Error(`npm install in ${dir} failed:\n${npm.stderr || npm.stdout}`);
		}

		recordDependency(nodesDir, pkg.name, pkg.version);
		return { name: pkg.name, version: pkg.version, dir };
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

/** `.n8n/nodes/package.json`, as n8n keeps it (`installed-nodes` with one dependency per package). */
function recordDependency(nodesDir: string, name: string, version: string) {
	const file = path.join(nodesDir, 'package.json');
	let manifest: { name: string; private: boolean; dependencies: Record<string, string> } = {
		name: 'installed-nodes',
		private: true,
		dependencies: {},
	};
	if (fs.existsSync(file)) manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
	manifest.dependencies = { ...manifest.dependencies, [name]: version };
	fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
}

/**
 * Links the working tree into an n8n `nodes` folder as an installed package (`node_modules/<name>` → the
 * project, recorded in its package.json), so that a rebuild needs no reinstall. Development only: the tests
 * install the packed tarball, as users get it.
 */
export function linkProject(nodesDir: string, projectDir = PROJECT_ROOT): void {
	const { name, version } = assertBuilt(projectDir);
	const link = path.join(nodesDir, 'node_modules', name);
	fs.mkdirSync(path.dirname(link), { recursive: true });
	if (!fs.existsSync(link)) fs.symlinkSync(projectDir, link, 'dir');
	recordDependency(nodesDir, name, version);
}

/** Packs this project (once) and installs it into the given n8n `nodes` folder. */
export async function installProject(
	nodesDir: string,
	projectDir = PROJECT_ROOT,
): Promise<InstalledPackage> {
	const { tarball } = await packProject(projectDir);
	return await installTarball(nodesDir, tarball);
}
