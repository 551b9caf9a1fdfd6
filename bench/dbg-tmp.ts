import { footprint } from "./footprint";
const t = Date.now();
console.log(await footprint("sqlite", 1000), Date.now() - t);
process.exit(0);
