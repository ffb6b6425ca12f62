/** Password hashing with argon2id. The cost is a parameter so tests can hash cheaply. */
import { hash, verify } from '@node-rs/argon2';

export interface HashCost {
	/** KiB of memory per hash. */
	memoryCost: number;
	timeCost: number;
	parallelism: number;
}

/** OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): about 30 ms on a hall server. */
export const defaultHashCost: HashCost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** For tests only: the cheapest cost argon2 accepts. */
export const cheapHashCost: HashCost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

// @node-rs/argon2 numbers its algorithms; 2 is Argon2id.
const argon2id = 2;

export function hashPassword(password: string, cost: HashCost = defaultHashCost): Promise<string> {
	return hash(password, { ...cost, algorithm: argon2id });
}

/** The cost is read from the stored hash, so old hashes keep verifying after a cost change. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}
