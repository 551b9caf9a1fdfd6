import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends the run with one plain line, `tests: N passed, N failed, N skipped`,
 * which CI reads the same way for any test runner.
 */
export default class SummaryReporter implements Reporter {
  private line?: string;

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
      // a file that failed to load has no tests but must not pass unseen
      if (module.state() === "failed" && module.children.size === 0) counts.failed++;
    }
    this.line = `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  }

  // The default reporter prints its summary in onFinished: print after it.
  onFinished() {
    if (this.line) console.log(`\n${this.line}`);
  }
}
