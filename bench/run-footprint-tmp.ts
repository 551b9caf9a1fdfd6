import { footprint } from "./footprint";
console.log(await footprint("sqlite", 1000));
