import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints `N passed, N failed` as the very last line, the plain form CI reads. Unhandled errors
 * and modules that failed to load count as failures, so a broken suite can never look green.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = unhandledErrors.length;
    // One line per failure, `FAILED: file > test`, which .ci/run repeats next to its last line so
    // that a failed run names what failed even when only its tail is kept.
    const names: string[] = unhandledErrors.map((e) => `FAILED: unhandled error: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') {
          failedHere++;
          names.push(`FAILED: ${module.moduleId.replace(process.cwd() + '/', '')} > ${test.fullName}`);
        }
      }
      // A suite whose hooks or import failed may have no failed test of its own.
      if (module.state() === 'failed' && failedHere === 0) names.push(`FAILED: ${module.moduleId.replace(process.cwd() + '/', '')} (its hooks or import)`);
      failed += module.state() === 'failed' ? Math.max(1, failedHere) : failedHere;
    }
    // Written after Vitest's own summary so that it is the last line.
    setImmediate(() => process.stdout.write(`\n${names.map((n) => n + '\n').join('')}${passed} passed, ${failed} failed\n`));
  }
}
