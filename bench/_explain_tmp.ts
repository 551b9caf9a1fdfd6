import { openDatabase } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { layout, seedScale } from "./lib/seed-scale";
const url = "file:/tmp/sched-explain/x.db";
await migrateDatabase(url);
const s = await openDatabase(url);
await seedScale(s.db, "sqlite", layout({ communities: 100, recommenders: 10, members: 100, products: 10, buys: 10, openBuys: 10, ordersPerBuy: 10 }), new Date());
await s.close();
console.log("seeded");
