/**
 * Secrets: a fetch reads {env.FLOWLOOP_E2E_KEY}, which the app's environment lacks, so its first run
 * fails; the Secrets dialog (from the fetch node's inspector) keeps a value for the workflow in the
 * app, shown masked and never sent back to the page; the next run sends it and the fetch succeeds
 * against a local server that answers only that key.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, expect, test } from './app-fixture';

const KEY = 'e2e-s3cret value&1';

let server: Server;
let port = 0;
let folder = '';
let file = '';
const received: string[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
    received.push(key);
    const allowed = key === KEY && req.headers.authorization === `Bearer ${KEY}`;
    res.writeHead(allowed ? 200 : 403, { 'content-type': 'application/json' });
    res.end(JSON.stringify(allowed ? { hello: 'friend' } : { error: 'forbidden' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  folder = mkdtempSync(join(tmpdir(), 'flowloop-e2e-secrets-'));
  file = join(folder, 'private.flow.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'flowloop.graph/2',
      name: 'private page',
      nodes: [
        {
          id: 'private_page',
          kind: 'fetch',
          params: {
            url: `http://127.0.0.1:${port}/private?key={env.FLOWLOOP_E2E_KEY}`,
            headers: { Authorization: 'Bearer {env.FLOWLOOP_E2E_KEY}' },
          },
          position: { x: 100, y: 100 },
        },
      ],
    }),
  );
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(folder, { recursive: true, force: true });
});

test('a value kept in the Secrets dialog is masked, never sent back, and makes the fetch succeed', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp([file, '--clock', 'virtual']);
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  await page.goto(app.url);
  const status = page.locator('[data-run-status]');
  const node = page.locator('[data-node-id="private_page"]');
  await expect(node).toBeVisible();

  // Not set anywhere: the run fails with KeyError before any request.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status).toHaveAttribute('data-run-status', 'failed');
  expect(received).toEqual([]);

  // The fetch node's inspector names the variable and opens the dialog.
  await node.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector: private_page' });
  await expect(inspector).toContainText('FLOWLOOP_E2E_KEY');
  await inspector.getByRole('button', { name: 'Secrets…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Secrets' });
  await expect(dialog).toBeVisible();
  const row = dialog.locator('[data-secret="FLOWLOOP_E2E_KEY"]');
  await expect(row).toHaveAttribute('data-secret-source', 'none');
  await expect(row).toContainText('not set');

  const field = dialog.getByLabel('Value of FLOWLOOP_E2E_KEY');
  await expect(field).toHaveAttribute('type', 'password');
  await field.fill(KEY);
  await dialog.getByRole('button', { name: 'Set FLOWLOOP_E2E_KEY' }).click();
  await expect(row).toHaveAttribute('data-secret-source', 'app');
  await expect(row).toContainText('set in the app for this workflow');
  // Masked: the field is empty once the host has it; the page shows that it is set, not what.
  await expect(field).toHaveValue('');
  await expect(field).toHaveAttribute('type', 'password');
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'secrets-dialog.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The next run sends it, and the fetch succeeds.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status).toHaveAttribute('data-run-status', 'done');
  await expect(node).toHaveAttribute('data-state', 'done');
  expect(received).toEqual([KEY]);

  // Kept in the data folder, readable by its owner only; never in the workflow file, never sent to the page.
  const secretsFile = join(app.dataDir, 'secrets.json');
  expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
  expect(readFileSync(secretsFile, 'utf8')).toContain(KEY);
  expect(readFileSync(file, 'utf8')).not.toContain(KEY);
  for (const name of readdirSync(app.dataDir, { recursive: true }) as string[]) {
    if (name === 'secrets.json' || !statSync(join(app.dataDir, name)).isFile()) continue;
    expect(readFileSync(join(app.dataDir, name), 'utf8'), name).not.toContain(KEY);
  }
  expect(frames.length).toBeGreaterThan(0);
  for (const frame of frames) {
    expect(frame).not.toContain(KEY);
    expect(frame).not.toContain(encodeURIComponent(KEY));
  }

  // Cleared: the variable is unset again.
  await node.click();
  await inspector.getByRole('button', { name: 'Secrets…' }).click();
  await dialog.getByRole('button', { name: 'Clear FLOWLOOP_E2E_KEY' }).click();
  await expect(row).toHaveAttribute('data-secret-source', 'none');
  expect(readFileSync(secretsFile, 'utf8')).not.toContain(KEY);
});
