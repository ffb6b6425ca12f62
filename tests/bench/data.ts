/** Pure data makers shared by the Node and the browser benchmarks. */

/** A volume.add that creates its own hourly row: `n` picks the date, hour and category. */
export function distinctVolumeAdd(n: number, offset = 0) {
	const k = n + offset;
	const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(k / 240) * 86_400_000);
	return {
		date: day.toISOString().slice(0, 10),
		hour: 8 + (k % 10),
		category: `基准类别${Math.floor(k / 10) % 24}`,
		channel: 'window' as const,
		delta: { accepted: 1 + (k % 3) }
	};
}

export const mutationOf = (id: number, name: string, args: unknown) => ({
	id,
	name,
	args,
	createdAt: '2026-06-06T09:00:00+08:00'
});
