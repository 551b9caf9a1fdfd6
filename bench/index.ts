import { chartBenchmark } from "./chart";
import { closeBenchmark } from "./close";
import { dfcBenchmark } from "./dfc";
import { footprintBenchmark } from "./footprint";
import { growthBenchmark } from "./growth";
import { joinBenchmark } from "./join";
import { notifyBenchmark } from "./notify";
import { periodBooksBenchmark } from "./period-books";
import { publicPageBenchmark } from "./public-page";
import { scaleBenchmark } from "./scale";
import { schedulerBenchmark } from "./scheduler";
import { statementBenchmark } from "./statement";
import { twinBenchmark } from "./twin";
import type { Benchmark } from "./lib/types";

/** Every benchmark `npm run bench` knows, in the order it runs them (footprint's RSS after a burst needs join first; growth, the longest, last). */
export const BENCHMARKS: Benchmark[] = [joinBenchmark, closeBenchmark, notifyBenchmark, statementBenchmark, periodBooksBenchmark, dfcBenchmark, chartBenchmark, publicPageBenchmark, twinBenchmark, scaleBenchmark, schedulerBenchmark, footprintBenchmark, growthBenchmark];
