import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type OpenDatabase } from "../../src/db/client";
import { freshTestDatabase, type TestDatabase } from "../helpers/test-database";

// A write made outside a transaction, while another transaction is open, must
// not share that transaction's fate, nor see its uncommitted rows. On SQLite
// the bot has one connection, so this needs the serialized adapter.

let database: TestDatabase | undefined;
let opened: OpenDatabase | undefined;

afterEach(async () => {
  await opened?.close();
  await database?.cleanup();
  opened = database = undefined;
});

const member = (n: number) => ({ telegramId: BigInt(5_000_000 + n), firstName: `M${n}`, referralCode: `code${n}` });

describe("transactions and the writes around them", () => {
  it("keeps a write made outside while another transaction rolls back, and hides that transaction's rows", async () => {
    database = await freshTestDatabase();
    opened = await openDatabase(database.url);
    const { db } = opened;
    let inside!: () => void;
    const insideStarted = new Promise<void>((resolve) => (inside = resolve));
    const refused = db
      .$transaction(async (tx) => {
        await tx.member.create({ data: member(1) });
        inside();
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error("refused");
      })
      .catch((error: Error) => error.message);

    await insideStarted;
    const [seenOutside] = await Promise.all([db.member.count({ where: { telegramId: member(1).telegramId } }), db.member.create({ data: member(2) })]);

    expect(await refused).toBe("refused");
    expect(seenOutside).toBe(0);
    expect((await db.member.findMany({ orderBy: { id: "asc" } })).map((m) => m.firstName)).toEqual(["M2"]);
  });
});
