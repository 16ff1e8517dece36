// Prints one line, "N passed, N failed", totalled over the jest and Playwright
// JSON reports named on the command line. A missing report counts as one failure:
// a suite that never produced results must not read as a clean run.
import { existsSync, readFileSync } from 'node:fs';

function count(file) {
  if (!existsSync(file)) {
    process.stderr.write(`[paved] no test report at ${file}\n`);
    return { passed: 0, failed: 1 };
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    // jest: failed suites (e.g. a file that does not compile) hold no tests.
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
    };
  }
  // Playwright: flaky tests passed on a retry; count them as passed.
  const { expected = 0, flaky = 0, unexpected = 0 } = report.stats ?? {};
  return { passed: expected + flaky, failed: unexpected };
}

const totals = process.argv
  .slice(2)
  .map(count)
  .reduce(
    (a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }),
    {
      passed: 0,
      failed: 0,
    },
  );
console.log(`${totals.passed} passed, ${totals.failed} failed`);
