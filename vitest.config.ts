import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{bin,shared,host,cli,shell,renderer,bench,test}/**/*.test.ts'],
    // Differential tests start CPython and HTTP servers: give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/skip-summary-reporter.ts'],
  },
});
