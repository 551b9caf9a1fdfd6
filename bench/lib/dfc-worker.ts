// The dfc bench's streaming in its own process, as the web server is: its peak
// RSS (VmHWM) is the documents', not the seeding's (which ran in the parent).
// Argv: database URL, community id, buy id, runs. Prints one JSON line.
import { openDatabase } from "../../src/db/client";
import type { Config } from "../../src/config";
import { catalogDocument, ordersDocument } from "../../src/features/open-data/dfc-documents";
import { procStatusMegabytes } from "./stats";

const [url, communityId, buyId, runs] = process.argv.slice(2);
const { db, close } = await openDatabase(url!);
const services = { db, config: { botToken: "bench:token" } as Config };
await db.community.findFirst(); // warm the connection, not the data
const idleMb = procStatusMegabytes(process.pid, "VmRSS");
const ms: number[] = [];
let bytes = 0;
for (let run = 0; run < Number(runs); run++) {
  const started = performance.now();
  bytes = 0;
  for await (const chunk of (await catalogDocument(services, Number(communityId), "https://coop.example")) ?? []) bytes += chunk.length;
  for await (const chunk of (await ordersDocument(services, Number(communityId), Number(buyId), "https://coop.example")) ?? []) bytes += chunk.length;
  ms.push(performance.now() - started);
}
await close();
console.log(JSON.stringify({ ms, bytes, idleMb, peakMb: procStatusMegabytes(process.pid, "VmHWM") }));
