// Draws the app icon (a white clock on the hall's red: a hall that never closes) as PNG files.
// Run once with `node scripts/make-icons.js`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
const crc32 = (buf) => {
	let c = 0xffffffff;
	for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
};

function icon(size, { padding = 0, rounded = true } = {}) {
	const raw = Buffer.alloc((size * 4 + 1) * size);
	const c = size / 2;
	const r = (size / 2) * (1 - padding);
	for (let y = 0; y < size; y++) {
		raw[y * (size * 4 + 1)] = 0;
		for (let x = 0; x < size; x++) {
			const dx = x + 0.5 - c;
			const dy = y + 0.5 - c;
			const d = Math.hypot(dx, dy);
			let rgba = [179, 38, 30, 255];
			const corner = size * 0.18;
			const inCorner =
				rounded &&
				Math.min(x, size - 1 - x) < corner &&
				Math.min(y, size - 1 - y) < corner &&
				Math.hypot(Math.min(x, size - 1 - x) - corner, Math.min(y, size - 1 - y) - corner) > corner;
			if (inCorner) rgba = [0, 0, 0, 0];
			const ring = d > r * 0.62 && d < r * 0.74;
			const hourHand = Math.abs(dx) < r * 0.055 && dy < 0 && dy > -r * 0.42;
			const minuteHand = Math.abs(dy) < r * 0.055 && dx > 0 && dx < r * 0.5;
			const hub = d < r * 0.08;
			if (!inCorner && (ring || hourHand || minuteHand || hub)) rgba = [255, 255, 255, 255];
			raw.set(rgba, y * (size * 4 + 1) + 1 + x * 4);
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8;
	header[9] = 6;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

writeFileSync('static/icons/icon-192.png', icon(192));
writeFileSync('static/icons/icon-512.png', icon(512));
writeFileSync('static/icons/icon-maskable-512.png', icon(512, { padding: 0.2, rounded: false }));
writeFileSync('static/favicon.png', icon(64));
