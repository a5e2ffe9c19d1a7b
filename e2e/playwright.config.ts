/**
 * End-to-end tests of the app as a person uses it: the browser mode (`flowloop web`) in
 * Debian's Chromium. Never `npx playwright install`: the browser comes from apt.
 */
import { defineConfig } from '@playwright/test';

export const CHROMIUM = process.env.FLOWLOOP_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1, // 2 cores: the app's server, the browser and the test share them
  reporter: [['list']],
  outputDir: '../test-results/e2e',
  use: {
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox', // the tests run as root here
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
