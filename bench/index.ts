import { closeBenchmark } from "./close";
import { footprintBenchmark } from "./footprint";
import { notifyBenchmark } from "./notify";
import type { Benchmark } from "./lib/types";

/** Every benchmark `npm run bench` knows, in the order it runs them. */
export const BENCHMARKS: Benchmark[] = [closeBenchmark, notifyBenchmark, footprintBenchmark];
