/**
 * Files from outside the app: a .flow.json dropped on the window opens (as unsaved work in the
 * browser, which never tells a page a dropped file's path), anything else is refused and changes
 * nothing; and the open file changing on disk — another program's save, an atomic rename, a
 * deletion — reloads it when nothing is unsaved, else asks. Screenshots of the prompt in both themes
 * go to test-results/e2e/.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, expect, test } from './app-fixture';

const STOP = join(ROOT, 'e2e', 'fixtures', 'stop.flow.json');
const NAP = join(ROOT, 'e2e', 'fixtures', 'half-second-nap.flow.json');
const SHOTS = join(ROOT, 'test-results', 'e2e');

interface Dropped {
  name: string;
  text: string;
  type?: string;
}

/** Drops `files` on the canvas as a person dragging them from a file manager would. */
async function drop(page: Page, files: Dropped[]): Promise<void> {
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(new File([f.text], f.name, { type: f.type ?? '' }));
    const target = document.querySelector('.react-flow__pane') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop'])
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

const status = (page: Page) => page.locator('.status-line');
const nodeIds = (page: Page) =>
  page.locator('[data-node-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')).sort());

test.describe('dropping a file', () => {
  test.use({ appArgs: [STOP, '--clock', 'virtual'] });

  test('refuses anything but one workflow file, and changes nothing', async ({ page, app }) => {
    await page.goto(app.url);
    await expect(page.locator('[data-node-id]')).toHaveCount(6);
    const before = await nodeIds(page);

    await drop(page, [{ name: 'photo.png', text: '\u0089PNG', type: 'image/png' }]);
    await expect(status(page)).toContainText('photo.png is not a workflow: Flowloop opens .flow.json files.');
    await drop(page, [{ name: 'broken.flow.json', text: '{ "format": "flowloop.graph/2", "nodes": [' }]);
    await expect(status(page)).toContainText('broken.flow.json is not a valid workflow');
    await expect(status(page)).toContainText('Nothing was opened.');
    await drop(page, [
      { name: 'a.flow.json', text: readFileSync(NAP, 'utf8') },
      { name: 'b.flow.json', text: readFileSync(NAP, 'utf8') },
    ]);
    await expect(status(page)).toContainText('2 files were dropped: drop one .flow.json file at a time.');

    expect(await nodeIds(page)).toEqual(before);
    await expect(page.locator('.toolbar-title')).not.toContainText('●');
  });

  test('opens a dropped workflow as unsaved work, asking first about unsaved changes as Open does', async ({
    page,
    app,
  }) => {
    await page.goto(app.url);
    await expect(page.locator('[data-node-id]')).toHaveCount(6);
    // The drop target shows while a file is dragged over the window.
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['{}'], 'x.flow.json'));
      document.body.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    });
    await expect(page.locator('.drop-overlay')).toContainText('Drop a .flow.json file to open it');
    await expect(page.locator('.drop-overlay')).toHaveCount(0); // gone once the drag leaves

    // Unsaved changes: the drop asks, and "Cancel" keeps everything as it was.
    await page.getByRole('button', { name: /^Add sleep:/ }).click();
    await expect(page.locator('[data-node-id]')).toHaveCount(7);
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await drop(page, [{ name: 'nap.flow.json', text: readFileSync(NAP, 'utf8') }]);
    await expect.poll(() => asked).toEqual(['The open workflow has unsaved changes. Discard them?']);
    await expect(page.locator('[data-node-id]')).toHaveCount(7);

    page.once('dialog', (dialog) => void dialog.accept());
    await drop(page, [{ name: 'nap.flow.json', text: readFileSync(NAP, 'utf8') }]);
    await expect.poll(() => nodeIds(page)).toEqual(['nap']);
    await expect(status(page)).toContainText('Opened nap.flow.json as unsaved work');
    // Unsaved, with no path: the title shows the mark and no path; it runs like any workflow.
    await expect(page.locator('.toolbar-title')).toContainText('●');
    await expect(page.locator('.toolbar-path')).toHaveCount(0);
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');
  });
});

test.describe('the open file changing on disk', () => {
  let dir = '';
  let file = '';
  const graph = (ids: string[]) =>
    `${JSON.stringify(
      {
        format: 'flowloop.graph/2',
        name: 'watched',
        nodes: ids.map((id, i) => ({
          id,
          kind: 'sleep',
          params: { seconds: 0.1 },
          position: { x: 0, y: i * 120 },
        })),
        edges: [],
      },
      null,
      2,
    )}\n`;
  /** As editors save: a new file beside it, renamed over it. */
  const saveAtomically = (text: string) => {
    const temporary = join(dir, '.watched.flow.json.tmp');
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  };

  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowloop-e2e-watch-'));
    file = join(dir, 'watched.flow.json');
    writeFileSync(file, graph(['one', 'two']));
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reloads a document without unsaved changes at once, as VS Code does', async ({ page, launchApp }) => {
    const app = await launchApp([file, '--clock', 'virtual']);
    await page.goto(app.url);
    await expect.poll(() => nodeIds(page)).toEqual(['one', 'two']);
    writeFileSync(file, graph(['one', 'two', 'three']));
    await expect.poll(() => nodeIds(page)).toEqual(['one', 'three', 'two']);
    await expect(status(page)).toContainText('Reloaded watched.flow.json: it changed on disk.');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(page.locator('.toolbar-title')).not.toContainText('●');
  });

  test('asks when there are unsaved changes: reload shows the file’s new content; the app’s own save asks nothing', async ({
    page,
    launchApp,
  }) => {
    const app = await launchApp([file, '--clock', 'virtual']);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(app.url);
    await expect.poll(() => nodeIds(page)).toEqual(['one', 'two']);

    // The app's own save is not a change on disk.
    await page.getByRole('button', { name: /^Add sleep:/ }).click();
    await expect(page.locator('[data-node-id]')).toHaveCount(3);
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+s');
    await expect(status(page)).toContainText(`Saved ${file}.`);
    await page.waitForTimeout(1500);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);

    // Unsaved changes, then another program saves the file: the page asks.
    await page.getByRole('button', { name: /^Add sleep:/ }).click();
    await expect(page.locator('[data-node-id]')).toHaveCount(4);
    saveAtomically(graph(['fresh', 'from_disk']));
    const prompt = page.getByRole('alertdialog', { name: 'watched.flow.json changed on disk' });
    await expect(prompt).toBeVisible();
    await expect(prompt).toHaveAttribute('aria-modal', 'true');
    await expect(prompt).toContainText(file);
    await expect(prompt.getByRole('button', { name: 'Keep mine' })).toBeFocused();
    await page.screenshot({ path: join(SHOTS, 'disk-change-prompt-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'disk-change-prompt-dark.png') });
    // The palette does not open over it.
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toHaveCount(0);

    await prompt.getByRole('button', { name: 'Reload from disk' }).click();
    await expect(prompt).toHaveCount(0);
    await expect.poll(() => nodeIds(page)).toEqual(['fresh', 'from_disk']);
    await expect(page.locator('.toolbar-title')).not.toContainText('●');

    // Keep mine keeps the page's work; saving then writes it over the file.
    await page.getByRole('button', { name: /^Add sleep:/ }).click();
    saveAtomically(graph(['theirs']));
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: 'Keep mine' }).click();
    await expect(prompt).toHaveCount(0);
    expect(await nodeIds(page)).toHaveLength(3);
    await page.keyboard.press('Control+s');
    await expect(status(page)).toContainText(`Saved ${file}.`);
    expect(JSON.parse(readFileSync(file, 'utf8')).nodes).toHaveLength(3);
  });

  test('says so when the file is deleted; keeping it open leaves it unsaved, and Save writes it back', async ({
    page,
    launchApp,
  }) => {
    const app = await launchApp([file, '--clock', 'virtual']);
    await page.goto(app.url);
    await expect.poll(() => nodeIds(page)).toEqual(['one', 'two']);
    unlinkSync(file);
    const prompt = page.getByRole('alertdialog', { name: 'watched.flow.json was deleted' });
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: 'Keep it open' }).click();
    await expect(prompt).toHaveCount(0);
    expect(await nodeIds(page)).toEqual(['one', 'two']);
    await expect(page.locator('.toolbar-title')).toContainText('●');
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+s');
    await expect(status(page)).toContainText(`Saved ${file}.`);
    expect(JSON.parse(readFileSync(file, 'utf8')).nodes).toHaveLength(2);
  });
});
