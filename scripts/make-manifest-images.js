// Draws the web app manifest's shortcut icons and turns two README screenshots into the manifest's
// install screenshots (WebP, a fraction of the PNG's weight). Chromium does the drawing because it
// has the CJK font and a WebP encoder; nothing else here has both.
// Run once with `node scripts/make-manifest-images.js`; the files are committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const shortcuts = [
	{ file: 'static/icons/shortcut-today.png', glyph: '今' },
	{ file: 'static/icons/shortcut-appointments.png', glyph: '约' },
	{ file: 'static/icons/shortcut-volume.png', glyph: '量' }
];
const screenshots = [
	{ from: 'docs/screenshots/today-zh-landscape.png', to: 'static/screenshots/today-wide.webp' },
	{ from: 'docs/screenshots/today-zh-portrait.png', to: 'static/screenshots/today-narrow.webp' }
];

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox']
});
const page = await browser.newPage();
await page.setContent('<html lang="zh-CN"><body></body></html>');

const fromDataUrl = (url) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');

for (const { file, glyph } of shortcuts) {
	const url = await page.evaluate(async (glyph) => {
		await document.fonts.load('700 60px "Noto Sans CJK SC"', glyph);
		const size = 96;
		const canvas = document.createElement('canvas');
		canvas.width = canvas.height = size;
		const g = canvas.getContext('2d');
		// The app icon's red and rounded corners, so the shortcuts read as part of the same app.
		g.fillStyle = '#b3261e';
		g.beginPath();
		g.roundRect(0, 0, size, size, size * 0.18);
		g.fill();
		g.fillStyle = '#ffffff';
		g.font = '700 60px "Noto Sans CJK SC", sans-serif';
		g.textAlign = 'center';
		g.textBaseline = 'middle';
		g.fillText(glyph, size / 2, size / 2 + 3);
		return canvas.toDataURL('image/png');
	}, glyph);
	writeFileSync(file, fromDataUrl(url));
}

for (const { from, to } of screenshots) {
	const png = `data:image/png;base64,${readFileSync(from).toString('base64')}`;
	const url = await page.evaluate(async (png) => {
		const image = new Image();
		image.src = png;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = image.naturalWidth;
		canvas.height = image.naturalHeight;
		canvas.getContext('2d').drawImage(image, 0, 0);
		return canvas.toDataURL('image/webp', 0.72);
	}, png);
	writeFileSync(to, fromDataUrl(url));
}

await browser.close();
