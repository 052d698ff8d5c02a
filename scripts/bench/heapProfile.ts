/**
 * Sums up a sampling heap profile written by `npm run bench -- --heap-profile <folder>` (the objects of the run
 * that reached the old generation, see child.ts): which package's code allocated them, the frame of this
 * package nearest to each allocation on its stack (synchronous stacks only: code that runs after an `await`
 * shows none), and the allocation sites.
 *
 *   node --import tsx scripts/bench/heapProfile.ts <file.heapprofile> [--top 25]
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
	callFrame: { functionName: string; url: string; lineNumber: number };
	selfSize: number;
	children: ProfileNode[];
}

const MB = 1024 * 1024;

/** The npm package a script belongs to ("this package" for ours), or "node" for Node's own code. */
function packageOf(url: string): string {
	if (!url) return '(V8)';
	if (url.startsWith('node:')) return 'node';
	const modules = url.lastIndexOf('/node_modules/');
	if (modules >= 0) {
		const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
		return first.startsWith('@') ? `${first}/${second}` : first;
	}
	return 'this package';
}

function frameName(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	const file = url.replace(/^.*\/(dist|node_modules)\//, '$1/');
	return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

function add(map: Map<string, number>, key: string, bytes: number) {
	map.set(key, (map.get(key) ?? 0) + bytes);
}

function main() {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: { top: { type: 'string', default: '25' } },
	});
	if (!positionals[0]) throw new Error('usage: heapProfile.ts <file.heapprofile> [--top N]');
	const { head } = JSON.parse(fs.readFileSync(positionals[0], 'utf8')) as { head: ProfileNode };
	const top = Number(values.top);

	const byPackage = new Map<string, number>();
	const bySite = new Map<string, number>();
	const byOurFrame = new Map<string, number>();
	let total = 0;
	// Walks the allocation tree with the nearest frame of this package seen on the way down.
	const walk = (node: ProfileNode, ours: string | undefined) => {
		const here =
			packageOf(node.callFrame.url) === 'this package' && node.callFrame.url.includes('/dist/');
		const nearest = here ? frameName(node) : ours;
		if (node.selfSize) {
			total += node.selfSize;
			add(byPackage, packageOf(node.callFrame.url), node.selfSize);
			add(bySite, frameName(node), node.selfSize);
			add(byOurFrame, nearest ?? '(no frame of this package on the stack)', node.selfSize);
		}
		for (const child of node.children) walk(child, nearest);
	};
	walk(head, undefined);

	const print = (title: string, map: Map<string, number>) => {
		console.log(`\n${title}`);
		for (const [key, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
			console.log(`  ${(bytes / MB).toFixed(1).padStart(7)} MB  ${key}`);
	};
	console.log(`${(total / MB).toFixed(1)} MB allocated during the run reached the old generation`);
	print('By the package whose code allocated it:', byPackage);
	print('By the nearest frame of this package (dist/) on the allocating stack:', byOurFrame);
	print('By allocation site:', bySite);
}

main();
