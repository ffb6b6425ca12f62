/**
 * Queueing maths behind the window advice: how many windows keep the wait short (R1 says the
 * count of comprehensive windows "follows business volume"). Erlang B/C use the recurrence
 * B(n) = A·B(n−1) / (n + A·B(n−1)), which never forms A^n or n! and stays exact for hundreds
 * of servers. Times are in minutes, arrival rates per hour.
 */

export interface Load {
	arrivalsPerHour: number;
	/** Average minutes a window spends on one case. */
	handleMinutes: number;
}

/** Offered traffic in erlangs: the average number of busy windows. */
export function traffic({ arrivalsPerHour, handleMinutes }: Load): number {
	return (arrivalsPerHour * handleMinutes) / 60;
}

function checkServers(servers: number) {
	if (!Number.isInteger(servers) || servers < 0) throw new Error(`servers must be ≥ 0: ${servers}`);
}

/** Erlang B: probability that an arrival finds all `servers` busy when nobody may wait. */
export function erlangB(traffic: number, servers: number): number {
	checkServers(servers);
	if (traffic <= 0) return servers === 0 ? 1 : 0;
	let b = 1;
	for (let n = 1; n <= servers; n++) b = (traffic * b) / (n + traffic * b);
	return b;
}

/** Erlang C from Erlang B: C = n·B / (n − A·(1 − B)); 1 when the queue cannot be stable. */
function erlangCFromB(traffic: number, servers: number, b: number): number {
	if (traffic <= 0) return 0;
	if (servers <= traffic) return 1;
	return (servers * b) / (servers - traffic * (1 - b));
}

/** Erlang C: probability that an arrival has to wait (M/M/n, infinite patience). */
export function erlangC(traffic: number, servers: number): number {
	return erlangCFromB(traffic, servers, erlangB(traffic, servers));
}

export interface Servers extends Load {
	servers: number;
}

/** Share of arrivals that wait at most `targetWaitMinutes`: 1 − C·e^(−(n−A)·t/h). */
export function serviceLevel(input: Servers & { targetWaitMinutes: number }): number {
	const a = traffic(input);
	const { servers, handleMinutes, targetWaitMinutes } = input;
	if (a <= 0) return 1;
	if (servers <= a) return 0;
	const c = erlangC(a, servers);
	return 1 - c * Math.exp((-(servers - a) * targetWaitMinutes) / handleMinutes);
}

/** Average wait in the queue in minutes (ASA = C·h / (n − A)); Infinity when unstable. */
export function averageWait(input: Servers): number {
	const a = traffic(input);
	if (a <= 0) return 0;
	if (input.servers <= a) return Infinity;
	return (erlangC(a, input.servers) * input.handleMinutes) / (input.servers - a);
}

export interface StaffingTarget extends Load {
	targetWaitMinutes: number;
	/** Required share served within targetWaitMinutes, e.g. 0.8. */
	serviceLevel: number;
	/** Highest acceptable share of time a window is busy, e.g. 0.85. */
	maxOccupancy?: number;
	/** Give up above this many servers; the hall has far fewer windows. */
	limit?: number;
}

/**
 * Smallest number of servers that meets the service level and the occupancy cap.
 * B is carried along the loop, so the search costs O(answer).
 */
export function serversNeeded(input: StaffingTarget): number {
	const a = traffic(input);
	if (a <= 0) return 0;
	const maxOccupancy = input.maxOccupancy ?? 1;
	const limit = input.limit ?? 10_000;
	let b = 1;
	for (let n = 1; n <= limit; n++) {
		b = (a * b) / (n + a * b);
		if (n <= a || a / n > maxOccupancy) continue;
		const c = erlangCFromB(a, n, b);
		const sl = 1 - c * Math.exp((-(n - a) * input.targetWaitMinutes) / input.handleMinutes);
		if (sl >= input.serviceLevel) return n;
	}
	throw new Error(`more than ${limit} servers needed for ${a.toFixed(1)} erlangs`);
}

export { erlangA } from './abandonment';
