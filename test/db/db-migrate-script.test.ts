import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { postgresReachable, testPostgresUrl } from "../helpers/postgres";

// `npm run db:migrate -- <name>` run for real, as a child process, on a copy of
// the project in a temporary folder (the copy's schema gets a new column), so
// the repository's own prisma/ is never touched. No PostgreSQL server answers
// at MIGRATE_POSTGRES_URL at first: the case of a developer with SQLite only;
// then, when the test server answers, the same command writes the twin.

const repo = process.cwd();
const NO_SERVER = "postgresql://postgres@127.0.0.1:1/postgres";
const POSTGRES_URL = testPostgresUrl();
const reachable = await postgresReachable(POSTGRES_URL);

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The files the script needs, copied; node_modules linked. */
function copyProject(): string {
  const root = mkdtempSync(join(tmpdir(), "letscoop-dbmigrate-"));
  for (const entry of ["package.json", "prisma.config.ts", "tsconfig.json", "locales", "prisma", "scripts", "src"]) {
    cpSync(join(repo, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(realpathSync(join(repo, "node_modules")), join(root, "node_modules"));
  mkdirSync(join(root, "tmp"));
  return root;
}

type Run = { code: number | null; stdout: string; stderr: string };

function runScript(root: string, args: string[], postgresUrl = NO_SERVER): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts", ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: `file:${join(root, "data", "dev.db")}`,
      MIGRATE_POSTGRES_URL: postgresUrl,
      TMPDIR: join(root, "tmp"), // where its scratch folder goes, to check it is removed
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

const folders = (path: string) => readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe("npm run db:migrate", () => {
  it("without a PostgreSQL server writes and applies the SQLite migration, says in one line that PostgreSQL's is missing, and writes it under the same name once a server answers", async () => {
    dir = copyProject();
    const schema = join(dir, "prisma", "schema.prisma");
    writeFileSync(schema, readFileSync(schema, "utf8").replace(/(model Member \{\n)/, "$1  phone String?\n"));
    const postgresBefore = folders(join(dir, "prisma", "postgresql", "migrations"));

    // the words after `--` make one name, none dropped
    const { code, stdout, stderr } = await runScript(dir, ["add", "member", "phone"]);

    const created = folders(join(dir, "prisma", "migrations")).filter((f) => f.endsWith("_add_member_phone"));
    expect(created, stdout + stderr).toHaveLength(1);
    const folder = created[0]!;
    expect(folder).toMatch(/^\d{14}_add_member_phone$/);
    expect(readFileSync(join(dir, "prisma", "migrations", folder, "migration.sql"), "utf8")).toContain(
      'ALTER TABLE "Member" ADD COLUMN "phone" TEXT;',
    );
    expect(stdout).toContain(`wrote prisma/migrations/${folder}/migration.sql`);
    // applied to the dev database
    const db = new Database(join(dir, "data", "dev.db"), { readonly: true });
    try {
      expect((db.prepare("PRAGMA table_info(Member)").all() as { name: string }[]).map((c) => c.name)).toContain("phone");
    } finally {
      db.close();
    }
    // the PostgreSQL twin is missing, and the script says so and fails
    expect(folders(join(dir, "prisma", "postgresql", "migrations"))).toEqual(postgresBefore);
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^db:migrate: no PostgreSQL server answers at 127\.0\.0\.1:1/);
    expect(lines[0]).toContain(`prisma/postgresql/migrations lacks ${folder}`);
    expect(lines[0]).toContain("npm run db:migrate -- add_member_phone");
    expect(lines[0]).toContain("MIGRATE_POSTGRES_URL");
    // and its scratch folder is gone
    expect(readdirSync(join(dir, "tmp")).filter((f) => f.startsWith("letscoop-migrate-"))).toEqual([]);

    // Where a server answers, the same command writes the PostgreSQL twin
    // under the SQLite migration's own name, and nothing more for SQLite.
    if (!reachable) return;
    const again = await runScript(dir, ["add", "member", "phone"], POSTGRES_URL);
    expect(again.code, again.stderr).toBe(0);
    expect(folders(join(dir, "prisma", "postgresql", "migrations"))).toEqual([...postgresBefore, folder]);
    expect(readFileSync(join(dir, "prisma", "postgresql", "migrations", folder, "migration.sql"), "utf8")).toMatch(
      /ALTER TABLE "Member" ADD COLUMN\s+"phone" TEXT;/,
    );
    expect(folders(join(dir, "prisma", "migrations")).filter((f) => f.includes("phone"))).toEqual([folder]);
    expect(again.stdout).toContain("dev database already up to date");
  }, 60_000);

  it("refuses a missing or empty name with its usage, before touching anything", async () => {
    dir = copyProject();
    for (const args of [[], ["***", "--"]]) {
      const { code, stderr } = await runScript(dir, args);
      expect(code).toBe(1);
      expect(stderr.trim()).toBe("db:migrate: usage: npm run db:migrate -- <name>   (e.g. add member phone, or add_member_phone)");
    }
    expect(existsSync(join(dir, "data"))).toBe(false);
  });
});
