// Public entry of `iam-policy-evaluator/reporters`: the text renderings of intent-suite results and coverage that the
// CLI's `test` command prints (one line per failure, the totals, JUnit XML, GitHub Actions annotations, the coverage
// report). Pure functions of the results `runIntentSuite` and `computeCoverage` return, whose types the main entry
// exports.

export { formatFailureLine, formatTotals, formatJUnit, formatGitHubAnnotation, githubError } from './suite/report.js';
export { formatCoverage } from './suite-coverage/coverage.js';
