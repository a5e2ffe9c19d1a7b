/**
 * Ends a Vitest run with every skipped test and why, so that a skip is never silent in CI's log:
 * the note a test gave (`context.skip(note)`), or that it does not apply on this platform.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' ? result.note : undefined;
        lines.push(
          `  ${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}\n    ${note ?? 'not run here (skipIf: it does not apply on this platform)'}`,
        );
      }
    }
    if (lines.length === 0) return;
    process.stdout.write(`\nSkipped tests, and why (${lines.length}):\n${lines.join('\n')}\n`);
  }
}
