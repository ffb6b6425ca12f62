/**
 * Chart.js with only the parts the charts in spec.ts, daily.ts and review-charts.ts use: bar, line
 * and doughnut charts on category and linear scales, with legend and tooltip. `chart.js/auto`
 * registers every controller, scale and plugin, about twice the code. A chart type or plugin
 * added to those files must be registered here, or Chart.js throws "not a registered controller".
 */
import {
	ArcElement,
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	DoughnutController,
	Legend,
	LineController,
	LineElement,
	LinearScale,
	PointElement,
	Tooltip
} from 'chart.js';

Chart.register(
	BarController,
	LineController,
	DoughnutController,
	BarElement,
	LineElement,
	PointElement,
	ArcElement,
	CategoryScale,
	LinearScale,
	Legend,
	Tooltip
);

export { Chart };
