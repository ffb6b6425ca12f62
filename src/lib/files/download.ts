/** Saving a file the app made: the browser's download of a Blob under a name. */
export function download(blob: Blob, filename: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A canvas (a drawn chart) as a PNG file. */
export function downloadPng(canvas: HTMLCanvasElement, name: string) {
	canvas.toBlob((blob) => {
		if (blob) download(blob, `${name}.png`);
	}, 'image/png');
}
