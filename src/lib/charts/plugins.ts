/**
 * Small inline Chart.js plugins for the review's decision charts. Each is a plain object made by a
 * pure function and passed in a chart's own `plugins` list, so nothing is registered globally and
 * a chart without them draws as before. They only draw: the numbers come from the domain.
 */
import type { Chart, Plugin } from 'chart.js';

/** Fill patterns that tell kinds of day apart without relying on colour. */
export type Pattern = 'solid' | 'diagonal' | 'cross';

const bars = (chart: Chart, datasetIndex: number) =>
	chart.getDatasetMeta(datasetIndex).data.map((el) => {
		const p = el.getProps(['x', 'y', 'base', 'width', 'height'], true) as unknown as {
			x: number;
			y: number;
			base: number;
			width: number;
			height: number;
		};
		return p;
	});

/** Rectangle of a vertical bar. */
const rect = (p: { x: number; y: number; base: number; width: number }) => ({
	left: p.x - p.width / 2,
	top: Math.min(p.y, p.base),
	width: p.width,
	height: Math.abs(p.base - p.y)
});

/**
 * Draws a pattern of dark lines over the bars of the given datasets (vertical bars): one pattern
 * for a whole dataset, or one per bar.
 */
export function hatch(patterns: Record<number, Pattern | Pattern[]>): Plugin {
	return {
		id: 'hatch',
		afterDatasetsDraw(chart) {
			const { ctx } = chart;
			for (const [index, given] of Object.entries(patterns)) {
				if (!chart.isDatasetVisible(Number(index))) continue;
				for (const [j, p] of bars(chart, Number(index)).entries()) {
					const pattern = typeof given === 'string' ? given : given[j];
					if (!pattern || pattern === 'solid') continue;
					const r = rect(p);
					if (!(r.height > 0) || !Number.isFinite(r.left)) continue;
					ctx.save();
					ctx.beginPath();
					ctx.rect(r.left, r.top, r.width, r.height);
					ctx.clip();
					ctx.strokeStyle = 'rgba(27, 27, 31, 0.55)';
					ctx.lineWidth = 1.5;
					const step = 7;
					const span = r.width + r.height;
					for (let d = -span; d < span; d += step) {
						ctx.beginPath();
						ctx.moveTo(r.left + d, r.top + r.height);
						ctx.lineTo(r.left + d + r.height, r.top);
						if (pattern === 'cross') {
							ctx.moveTo(r.left + d, r.top);
							ctx.lineTo(r.left + d + r.height, r.top + r.height);
						}
						ctx.stroke();
					}
					ctx.restore();
				}
			}
		}
	};
}

/**
 * Writes a label at the top of the plot over the given categories (holidays on the twelve-month
 * view), with a dotted line down to the axis. Neighbouring labels alternate in height so that
 * they do not cover each other.
 */
export function annotations(items: { index: number; text: string }[], fontSize = 14): Plugin {
	return {
		id: 'annotations',
		afterDraw(chart) {
			const { ctx, chartArea } = chart;
			const x = chart.scales.x;
			ctx.save();
			ctx.font = `600 ${fontSize}px system-ui, sans-serif`;
			ctx.textAlign = 'center';
			ctx.textBaseline = 'top';
			items.forEach((item, i) => {
				const at = x.getPixelForValue(item.index);
				const y = chartArea.top + 2 + (i % 2) * (fontSize + 4);
				ctx.strokeStyle = 'rgba(27, 27, 31, 0.5)';
				ctx.setLineDash([2, 3]);
				ctx.beginPath();
				ctx.moveTo(at, y + fontSize + 2);
				ctx.lineTo(at, chartArea.bottom);
				ctx.stroke();
				const w = ctx.measureText(item.text).width + 8;
				ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
				ctx.fillRect(at - w / 2, y - 1, w, fontSize + 3);
				ctx.fillStyle = '#1b1b1f';
				ctx.fillText(item.text, at, y);
			});
			ctx.restore();
		}
	};
}

/** Writes `text` (无数据) where a dataset has no value, so an empty slot never reads as zero. */
export function noData(text: string, fontSize = 14): Plugin {
	return {
		id: 'noData',
		afterDatasetsDraw(chart) {
			const { ctx, chartArea } = chart;
			ctx.save();
			ctx.font = `${fontSize}px system-ui, sans-serif`;
			ctx.fillStyle = '#5f6368';
			ctx.textAlign = 'center';
			ctx.textBaseline = 'bottom';
			// Stacked bars share one slot: the word is written once per slot.
			const done = new Set<number>();
			chart.data.datasets.forEach((ds, i) => {
				if (!chart.isDatasetVisible(i) || ds.type === 'line') return;
				const meta = chart.getDatasetMeta(i);
				ds.data.forEach((v, j) => {
					if (v !== null) return;
					const x = (meta.data[j] as unknown as { x: number } | undefined)?.x;
					if (x === undefined || !Number.isFinite(x) || done.has(Math.round(x))) return;
					done.add(Math.round(x));
					ctx.save();
					ctx.translate(x, chartArea.bottom - 4);
					ctx.rotate(-Math.PI / 2);
					ctx.textAlign = 'left';
					ctx.textBaseline = 'middle';
					ctx.fillText(text, 0, 0);
					ctx.restore();
				});
			});
			ctx.restore();
		}
	};
}

/**
 * Writes each cell's value inside the segments of a horizontal stacked bar heat map, in white on
 * dark cells and in ink on light ones, so the map reads from across a table.
 */
export function cellValues(
	text: (datasetIndex: number, index: number) => string,
	dark: (datasetIndex: number, index: number) => boolean,
	fontSize = 15
): Plugin {
	return {
		id: 'cellValues',
		afterDatasetsDraw(chart) {
			const { ctx } = chart;
			ctx.save();
			ctx.font = `600 ${fontSize}px system-ui, sans-serif`;
			ctx.textAlign = 'center';
			ctx.textBaseline = 'middle';
			chart.data.datasets.forEach((_, i) => {
				chart.getDatasetMeta(i).data.forEach((el, j) => {
					const p = el.getProps(['x', 'y', 'base'], true) as unknown as {
						x: number;
						y: number;
						base: number;
					};
					ctx.fillStyle = dark(i, j) ? '#ffffff' : '#1b1b1f';
					ctx.fillText(text(i, j), (p.x + p.base) / 2, p.y);
				});
			});
			ctx.restore();
		}
	};
}
