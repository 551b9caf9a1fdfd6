import { footprintBenchmark } from "./footprint";
import { joinBenchmark } from "./join";
import { notifyBenchmark } from "./notify";
import type { Benchmark } from "./lib/types";

/** Every benchmark `npm run bench` knows, in the order it runs them. */
export const BENCHMARKS: Benchmark[] = [joinBenchmark, notifyBenchmark, footprintBenchmark];
