/**
 * The rate charts of `npm run bench` (docs/charts/<scenario>.svg): for one scenario, a panel per variant side by
 * side on the same axes, with launches accepted per second as a line, 429s per second as red bars and the limit
 * as a dashed line. A dependency-free SVG writer: the bench has no charting package, and needs little of one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { RunRow } from './runner';
import { SCENARIOS, VARIANT_LABELS } from './scenarios';

export interface RatePanel {
	label: string;
	/** Launches the emulator accepted, per second of the run. */
	launched: number[];
	/** 429 answers the emulator sent, per second of the run. */
	rateLimited: number[];
	/** A note under the panel, e.g. "run stopped: 429". */
	note?: string;
}

export interface RateChart {
	title: string;
	/** The rate the emulator allows, per second (the org's real limit). */
	limitPerSecond: number;
	/** The rate the clients were told, when it differs from the real one. */
	configuredPerSecond?: number;
	panels: RatePanel[];
}

const PANEL = { width: 320, height: 190 };
const MARGIN = { top: 47, right: 16, bottom: 52, left: 44, gap: 28 };
const TITLE_LINE = 17;
/** Roughly the width of a character of the 14 px title, to wrap it. */
const TITLE_CHAR_WIDTH = 7.5;
const COLORS = { launched: '#1f6feb', rateLimited: '#d1242f', limit: '#57606a', grid: '#d0d7de' };

/** Axis ticks at fifths: whole numbers for the 1-2-5 maxima niceCeiling picks, from 5 on. */
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

const escape = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A round axis maximum at or above `value`: 1, 2 or 5 times a power of ten. */
function niceCeiling(value: number): number {
	const power = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
	return [1, 2, 5, 10].map((m) => m * power).find((nice) => nice >= value) ?? 10 * power;
}

/** Words into lines of at most `width` characters. */
function wrap(content: string, width: number): string[] {
	const lines: string[] = [];
	for (const word of content.split(' ')) {
		const last = lines[lines.length - 1];
		if (last !== undefined && last.length + 1 + word.length <= width)
			lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word);
	}
	return lines;
}

function text(x: number, y: number, content: string, attributes = ''): string {
	return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attributes}>${escape(content)}</text>`;
}

/**
 * The y axis shows up to three times the limit: a 429 storm can be ten times the limit, and drawn to scale it
 * would flatten the line that matters. Bars above the axis are cut and labelled with their value.
 */
export function rateChartSvg(chart: RateChart): string {
	const seconds = Math.max(1, ...chart.panels.map((p) => p.launched.length));
	const xMax = niceCeiling(seconds);
	const highest = Math.max(
		chart.limitPerSecond,
		chart.configuredPerSecond ?? 0,
		...chart.panels.flatMap((p) => [...p.launched, ...p.rateLimited]),
	);
	const yMax = niceCeiling(Math.min(highest * 1.1, chart.limitPerSecond * 3));
	const width =
		MARGIN.left + chart.panels.length * (PANEL.width + MARGIN.gap) - MARGIN.gap + MARGIN.right;
	const title = wrap(chart.title, Math.floor((width - MARGIN.left) / TITLE_CHAR_WIDTH));
	const panelTop = MARGIN.top + title.length * TITLE_LINE;
	const height = panelTop + PANEL.height + MARGIN.bottom;
	const out: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
		...title.map((line, i) =>
			text(
				MARGIN.left,
				20 + i * TITLE_LINE,
				line,
				'font-size="14" font-weight="bold" fill="#24292f"',
			),
		),
	];
	// Legend.
	const legendY = 23 + title.length * TITLE_LINE;
	out.push(
		`<line x1="${MARGIN.left}" y1="${legendY - 4}" x2="${MARGIN.left + 18}" y2="${legendY - 4}" stroke="${COLORS.launched}" stroke-width="2"/>`,
		text(MARGIN.left + 22, legendY, 'launches accepted per second', 'fill="#24292f"'),
		`<rect x="${MARGIN.left + 200}" y="${legendY - 9}" width="10" height="10" fill="${COLORS.rateLimited}"/>`,
		text(MARGIN.left + 214, legendY, '429s per second', 'fill="#24292f"'),
		`<line x1="${MARGIN.left + 320}" y1="${legendY - 4}" x2="${MARGIN.left + 338}" y2="${legendY - 4}" stroke="${COLORS.limit}" stroke-width="1.5" stroke-dasharray="5 3"/>`,
		text(
			MARGIN.left + 342,
			legendY,
			chart.configuredPerSecond
				? `real limit ${chart.limitPerSecond}/s (clients told ${chart.configuredPerSecond}/s, dotted)`
				: `limit ${chart.limitPerSecond}/s`,
			'fill="#24292f"',
		),
	);

	chart.panels.forEach((panel, index) => {
		const left = MARGIN.left + index * (PANEL.width + MARGIN.gap);
		const top = panelTop;
		const x = (second: number) => left + (second / xMax) * PANEL.width;
		const y = (value: number) => top + PANEL.height - (Math.min(value, yMax) / yMax) * PANEL.height;
		out.push(`<g>`);
		// Grid and axes.
		for (const tick of TICKS.map((f) => f * yMax)) {
			out.push(
				`<line x1="${left}" y1="${y(tick).toFixed(1)}" x2="${left + PANEL.width}" y2="${y(tick).toFixed(1)}" stroke="${COLORS.grid}" stroke-width="1"/>`,
			);
			if (index === 0)
				out.push(text(left - 6, y(tick) + 4, String(tick), 'text-anchor="end" fill="#57606a"'));
		}
		for (const tick of TICKS.map((f) => f * xMax)) {
			out.push(
				text(x(tick), top + PANEL.height + 16, `${tick}`, 'text-anchor="middle" fill="#57606a"'),
			);
		}
		out.push(
			text(
				left + PANEL.width / 2,
				top + PANEL.height + 32,
				'seconds',
				'text-anchor="middle" fill="#57606a"',
			),
			text(left, top - 8, panel.label, 'font-weight="bold" fill="#24292f"'),
		);
		// 429s as bars, cut at the top of the axis with their value written above.
		const barWidth = Math.max(1, PANEL.width / xMax - 1);
		panel.rateLimited.forEach((count, second) => {
			if (!count) return;
			out.push(
				`<rect x="${x(second).toFixed(1)}" y="${y(count).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(top + PANEL.height - y(count)).toFixed(1)}" fill="${COLORS.rateLimited}" fill-opacity="0.75"/>`,
			);
			if (count > yMax)
				out.push(
					text(
						x(second) + barWidth / 2,
						top + 10,
						String(count),
						'text-anchor="middle" fill="#d1242f" font-size="9"',
					),
				);
		});
		// Limits.
		out.push(
			`<line x1="${left}" y1="${y(chart.limitPerSecond).toFixed(1)}" x2="${left + PANEL.width}" y2="${y(chart.limitPerSecond).toFixed(1)}" stroke="${COLORS.limit}" stroke-width="1.5" stroke-dasharray="5 3"/>`,
		);
		if (chart.configuredPerSecond)
			out.push(
				`<line x1="${left}" y1="${y(chart.configuredPerSecond).toFixed(1)}" x2="${left + PANEL.width}" y2="${y(chart.configuredPerSecond).toFixed(1)}" stroke="${COLORS.limit}" stroke-width="1" stroke-dasharray="1 3"/>`,
			);
		// Launches as a step line: each second's count held over that second.
		const points = panel.launched.flatMap((count, second) => [
			`${x(second).toFixed(1)},${y(count).toFixed(1)}`,
			`${x(second + 1).toFixed(1)},${y(count).toFixed(1)}`,
		]);
		if (points.length)
			out.push(
				`<polyline points="${points.join(' ')}" fill="none" stroke="${COLORS.launched}" stroke-width="2" stroke-linejoin="round"/>`,
			);
		out.push(
			`<rect x="${left}" y="${top}" width="${PANEL.width}" height="${PANEL.height}" fill="none" stroke="#8c959f" stroke-width="1"/>`,
		);
		if (panel.note)
			out.push(
				text(left, top + PANEL.height + 46, panel.note, 'fill="#57606a" font-style="italic"'),
			);
		out.push(`</g>`);
	});
	out.push('</svg>');
	return out.join('\n') + '\n';
}

/**
 * <dir>/<scenario>.svg for every rate scenario that ran with all its variants (a partial run leaves the
 * committed chart alone).
 */
export function writeRateCharts(rows: RunRow[], dir: string): string[] {
	const written: string[] = [];
	for (const scenario of SCENARIOS) {
		if (scenario.ratePerSecond === null) continue;
		const ran = scenario.variants.map((variant) =>
			rows.find((r) => r.scenario === scenario.id && r.variant === variant),
		);
		if (ran.some((row) => !row?.perSecond)) continue;
		const svg = rateChartSvg({
			title: `${scenario.id}: ${scenario.title}`,
			limitPerSecond: scenario.ratePerSecond,
			configuredPerSecond:
				scenario.configuredPerSecond !== scenario.ratePerSecond
					? (scenario.configuredPerSecond ?? undefined)
					: undefined,
			panels: ran.map((row) => ({
				label: `${VARIANT_LABELS[row!.variant]}: ${row!.launched} of ${row!.items} launched, ${row!.rateLimited} × 429`,
				launched: row!.perSecond!.launched,
				rateLimited: row!.perSecond!.rateLimited,
				note: row!.runError ? `the run stopped: ${row!.runError.slice(0, 60)}` : undefined,
			})),
		});
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${scenario.id}.svg`);
		fs.writeFileSync(file, svg);
		written.push(file);
	}
	return written;
}
