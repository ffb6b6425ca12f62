/**
 * Creates the first admin of a real install (demo mode seeds its own accounts):
 *
 *   npx tsx scripts/create-admin.ts --username X --password Y --centre-name Z [--centre-slug z] [--name N]
 *
 * The centre is found by slug or name, or created. Reads DATABASE_URL / DATA_DIR like the server.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { eq, or } from 'drizzle-orm';
import { createCentre, createUser, newCentre } from '../src/lib/server/auth/users';
import { config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/open';
import { centres } from '../src/lib/server/db/schema';

const usage =
	'usage: npx tsx scripts/create-admin.ts --username X --password Y --centre-name Z [--centre-slug z] [--name N]';

async function main() {
	const { values } = parseArgs({
		options: {
			username: { type: 'string' },
			password: { type: 'string' },
			'centre-name': { type: 'string' },
			'centre-slug': { type: 'string' },
			name: { type: 'string' }
		}
	});
	const { username, password } = values;
	const centreName = values['centre-name'];
	if (!username || !password || !centreName) throw new Error(usage);
	if (password.length < 10) throw new Error('--password: at least 10 characters');
	const slug = values['centre-slug'] ?? `centre-${randomBytes(3).toString('hex')}`;
	if (!/^[a-z0-9-]{2,40}$/.test(slug)) throw new Error('--centre-slug: a-z, 0-9 and -, 2 to 40');

	const c = config();
	const db = await openDatabase({
		url: c.databaseUrl,
		dataDir: c.databaseUrl ? undefined : join(resolve(c.dataDir), 'pglite'),
		migrationsFolder: resolve(c.migrationsDir)
	});
	try {
		const match = values['centre-slug']
			? eq(centres.slug, slug)
			: or(eq(centres.name, centreName), eq(centres.slug, slug));
		let [centre] = await db.orm.select().from(centres).where(match).limit(1);
		if (!centre) {
			await createCentre(db, newCentre(centreName, slug));
			[centre] = await db.orm.select().from(centres).where(eq(centres.slug, slug));
			console.log(`created centre ${centre.name} (${centre.slug})`);
		}
		const id = await createUser(db, {
			username,
			password,
			name: values.name ?? username,
			role: 'admin',
			centreId: centre.id
		});
		if (!id) throw new Error(`--username: ${username} is taken`);
		console.log(`created admin ${username} of ${centre.name} (${centre.slug})`);
	} finally {
		await db.close();
	}
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
