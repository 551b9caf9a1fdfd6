// `npm run db:deploy`: applies pending migrations to DATABASE_URL (default
// file:./data/letscoop.db), like `prisma migrate deploy` but offline. The bot
// also does this at every start; this is for deploy pipelines that migrate
// before rolling out new instances.
import { existsSync } from "node:fs";
import { migrateDatabase } from "../src/db/migrate";

if (existsSync(".env")) process.loadEnvFile(".env");

const databaseUrl = process.env.DATABASE_URL || "file:./data/letscoop.db";
try {
  const { applied } = await migrateDatabase(databaseUrl, (line) => console.log(line));
  console.log(applied.length === 0 ? "no pending migrations" : `${applied.length} migration(s) applied`);
} catch (error) {
  console.error(`db:deploy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
