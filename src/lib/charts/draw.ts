/**
 * A Svelte action that draws a Chart.js configuration into a canvas. Chart.js is imported on
 * first use, so pages without charts never download it.
 */
import type { ChartConfiguration, Chart as ChartType } from 'chart.js';

export function chart(canvas: HTMLCanvasElement, config: ChartConfiguration<'bar' | 'line'>) {
	let instance: ChartType | undefined;
	let latest = config;
	let destroyed = false;
	void import('chart.js/auto').then(({ default: Chart }) => {
		if (destroyed) return;
		instance = new Chart(canvas, latest);
	});
	return {
		update(next: ChartConfiguration<'bar' | 'line'>) {
			latest = next;
			if (!instance) return;
			instance.data = next.data;
			instance.update();
		},
		destroy() {
			destroyed = true;
			instance?.destroy();
		}
	};
}
