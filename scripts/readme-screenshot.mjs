#!/usr/bin/env node
// Makes docs/screenshot.png, the README's picture: the sequence-vs-gather example run on the
// virtual clock in the browser mode, with the timeline open, in Debian's Chromium (dark theme).
// Run it after `npm run build` when the app's look changes: `node scripts/readme-screenshot.mjs`.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
const root = fileURLToPath(new URL('..', import.meta.url));
const web = spawn(
  process.execPath,
  [
    join(root, 'bin/flowloop.mjs'),
    'web',
    join(root, 'examples/sequence-vs-gather.flow.json'),
    '--clock',
    'virtual',
    '--port',
    '0',
  ],
  { env: { ...process.env, FLOWLOOP_DATA_DIR: mkdtempSync(join(tmpdir(), 'shot-')) } },
);
const url = await new Promise((resolve) => {
  let out = '';
  web.stdout.on('data', (d) => {
    out += d;
    const m = /(http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const page = await browser.newPage({
  viewport: { width: 1400, height: 860 },
  deviceScaleFactor: 1,
  colorScheme: 'dark',
});
await page.goto(url);
await page.locator('[data-node-id]').first().waitFor();
await page.getByRole('button', { name: 'Run' }).click();
await page
  .locator('[data-run-status]:not([data-run-status="running"]):not([data-run-status="idle"])')
  .waitFor({ timeout: 60000 });
await page.waitForTimeout(600);
const timeline = page.getByRole('button', { name: /Timeline/ });
if (await timeline.count()) await timeline.first().click();
await page.waitForTimeout(800);
await page.screenshot({ path: join(root, 'docs/screenshot.png') });
await browser.close();
web.kill('SIGTERM');
