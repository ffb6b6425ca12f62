/**
 * A Svelte action that draws a Chart.js configuration into a canvas. Chart.js is imported on
 * first use, so pages without charts never download it, and it is not precached: the service
 * worker keeps it once it has been fetched (vite.config.ts). Offline before that first use the
 * canvas stays empty and is marked `data-unavailable`; the card's summary and table still say
 * what the chart would show.
 */
import type { ChartConfiguration, Chart as ChartType, Plugin } from 'chart.js';

/** Paints the canvas white first: a downloaded PNG or a printed chart has no see-through holes. */
const whiteBackground: Plugin = {
	id: 'whiteBackground',
	beforeDraw(chart) {
		const { ctx } = chart;
		ctx.save();
		ctx.globalCompositeOperation = 'destination-over';
		ctx.fillStyle = '#ffffff';
		ctx.fillRect(0, 0, chart.width, chart.height);
		ctx.restore();
	}
};

export function chart(canvas: HTMLCanvasElement, config: ChartConfiguration) {
	let instance: ChartType | undefined;
	let latest = config;
	let destroyed = false;
	const build = (Chart: typeof ChartType) => {
		instance = new Chart(canvas, {
			...latest,
			plugins: [...(latest.plugins ?? []), whiteBackground]
		});
		canvas.dataset.ready = 'true';
	};
	import('./chart-js').then(
		({ Chart }) => {
			if (!destroyed) build(Chart);
		},
		() => {
			canvas.dataset.unavailable = 'true';
		}
	);
	return {
		update(next: ChartConfiguration) {
			latest = next;
			if (!instance) return;
			// A different chart type needs a new instance; the same type just takes the new data.
			if ((instance.config as ChartConfiguration).type !== next.type) {
				const Chart = instance.constructor as typeof ChartType;
				instance.destroy();
				build(Chart);
				return;
			}
			instance.data = next.data;
			instance.options = next.options ?? {};
			instance.update();
		},
		destroy() {
			destroyed = true;
			instance?.destroy();
		}
	};
}
