/**
 * Computes the one closing line in the plain form CI reads in any language:
 *   tests: N passed, N failed, N skipped
 * Jest's own summary ("Tests: 3 passed, 3 total") is not in that form. CI reads the run's last
 * lines, and the global teardown prints the servers' shutdown after the reporters, so the line is
 * handed to the teardown (./global-teardown.ts), which prints it last.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // A suite that fails to load has no failed test but must still count as a failure.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.env.OSTEO_TESTS_CLOSING_LINE = `tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
  }
}
module.exports = SummaryReporter;
