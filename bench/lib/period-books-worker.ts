// The period-books bench's measured part in its own process, as the bot is:
// its peak RSS (VmHWM) is the call's, not the seeding's (which ran in the
// parent). Argv: database URL, community id, year, month, runs. Prints one JSON line.
import { openDatabase } from "../../src/db/client";
import { periodBooks } from "../../src/features/period-books/use-cases";
import { procStatusMegabytes } from "./stats";

const [url, communityId, year, month, runs] = process.argv.slice(2);
const { db, close } = await openDatabase(url!);
await periodBooks(db, Number(communityId), "Asia/Shanghai", { year: 2026, month: 1 }); // warm the connection, not the data
const idleMb = procStatusMegabytes(process.pid, "VmRSS");
const ms: number[] = [];
for (let run = 0; run < Number(runs); run++) {
  const started = performance.now();
  await periodBooks(db, Number(communityId), "Asia/Shanghai", { year: Number(year), month: Number(month) });
  ms.push(performance.now() - started);
}
await close();
console.log(JSON.stringify({ ms, idleMb, peakMb: procStatusMegabytes(process.pid, "VmHWM") }));
