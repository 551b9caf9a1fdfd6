import { defineConfig } from "prisma/config";

// The Prisma CLI (generate, and migrate where the network allows) reads this.
// One data model, two providers: a postgres:// DATABASE_URL selects the
// derived PostgreSQL schema and its own migrations folder, so the stock
// `prisma migrate deploy` works unchanged for either database. An explicit
// `--schema prisma/postgresql/schema.prisma` agrees with it.
const url = process.env.DATABASE_URL || "file:./data/letscoop.db";
const dir = /^postgres(ql)?:\/\//.test(url) ? "prisma/postgresql" : "prisma";

export default defineConfig({
  schema: `${dir}/schema.prisma`,
  migrations: { path: `${dir}/migrations` },
  datasource: { url },
});
