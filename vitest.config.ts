import { configDefaults, defineConfig } from "vitest/config";
import { DEFAULT_TEST_POSTGRES_URL, postgresReachable } from "./test/helpers/postgres";

// Two projects run the same tests on the two databases the bot supports:
// "sqlite" always, "postgres" when a server answers at TEST_POSTGRES_URL
// (default postgresql://postgres@127.0.0.1:5432/postgres). TEST_DATABASE=sqlite
// or =postgres runs one of them only (=postgres fails if the server is down);
// so does `npx vitest run --project sqlite`.

/** Tests that don't depend on the bot's database, or pick their own: run once. */
const DATABASE_INDEPENDENT = [
  "test/main.test.ts", // child processes of `npm start`
  "test/config.test.ts", // parses variables only
  "test/db/migrate.test.ts", // migrates both providers itself
  "test/db/db-migrate-script.test.ts", // runs npm run db:migrate on its own copy of the project
  "test/fake-telegram/**",
  "test/domain/**",
  "test/views/**", // pictures rendered in memory
  "test/infra/crash-restart.test.ts", // child processes killed with SIGKILL
  "test/infra/kill-mid-flow.test.ts", // the same, on its own SQLite file
  "test/infra/kill-join-tap.test.ts", // the same, right after a +1
  "test/infra/kill-at-random-points.test.ts", // the same, at 20 points of two conversations
  "test/infra/kill-statement-post.test.ts", // the same, between a statement's post and its record
  "test/infra/signals.test.ts", // npm start stopped by signals, on its own SQLite file
  "test/features/group-buy-postgres.test.ts", // makes its own PostgreSQL database
  "test/features/referrals-ledger-pg.test.ts", // the same
  "test/infra/telegram-network.test.ts", // pacing and network faults
  "test/bench/**", // benchmarks at small sizes make their own databases
  "test/db/coalescer.test.ts", // no database at all
];

const PROBE = Symbol.for("letscoop.postgresReachable");
const SAID = Symbol.for("letscoop.postgresUnreachableSaid");

export default defineConfig(async () => {
  const only = process.env.TEST_DATABASE;
  if (only !== undefined && only !== "sqlite" && only !== "postgres") {
    throw new Error(`TEST_DATABASE should be sqlite or postgres, not "${only}"`);
  }
  const serverUrl = process.env.TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;
  let postgres = only !== "sqlite";
  // vitest evaluates this file more than once per run: probe (and say so) once
  const probed = globalThis as { [PROBE]?: Promise<boolean>; [SAID]?: boolean };
  if (postgres && !(await (probed[PROBE] ??= postgresReachable(serverUrl)))) {
    const where = new URL(serverUrl).host;
    if (only === "postgres") throw new Error(`TEST_DATABASE=postgres but no PostgreSQL server answers at ${where}`);
    if (!probed[SAID]) console.log(`PostgreSQL at ${where} is unreachable: running the suite on SQLite only (set TEST_POSTGRES_URL to use another server).`);
    probed[SAID] = true;
    postgres = false;
  }

  return {
    test: {
      include: ["test/**/*.test.ts"],
      reporters: ["default", "./test/helpers/summary-reporter.ts"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // Each test file builds its own bot and database; two cores, so two forks.
      pool: "forks",
      poolOptions: { forks: { maxForks: 2, minForks: 1 } },
      projects: [
        ...(only === "postgres"
          ? []
          : [{ extends: true as const, test: { name: "sqlite", env: { TEST_DATABASE: "sqlite" } } }]),
        ...(postgres
          ? [
              {
                extends: true as const,
                test: {
                  name: "postgres",
                  env: { TEST_DATABASE: "postgres", TEST_POSTGRES_URL: serverUrl },
                  exclude: [...configDefaults.exclude, ...DATABASE_INDEPENDENT],
                  globalSetup: ["test/helpers/postgres-global-setup.ts"],
                },
              },
            ]
          : []),
      ],
    },
  };
});
