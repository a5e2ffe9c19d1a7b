#!/usr/bin/env node
// `npm run lint:electron`: @doyensec/electronegativity over shell/electron/, failing on any finding that
// is not a documented exception below. Electronegativity itself exits 0 whatever it finds, so this
// reads its CSV report. Offline and deterministic: the Electron version is given (-e) so it is not
// looked up, and AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK (which downloads Electron's release list) is
// skipped — keeping Electron itself current is Dependabot's job, not a lint's.
// The report is SARIF, not CSV: electronegativity writes a CSV's header and rows with two concurrent
// fs.writeFile calls, and when the header lands second it overwrites the first row (seen in CI).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const cli = join(require.resolve('@doyensec/electronegativity/package.json'), '..', 'dist', 'index.js');

/** Findings judged harmless here, each with the reason. Keep this list short. */
const EXCEPTIONS = {
  PRELOAD_JS_CHECK:
    'a "review the preload" reminder: shell/electron/preload.ts exposes only window.flowloop (HostApi + setDirty) ' +
    'through contextBridge, never ipcRenderer; main checks the sender and validates every message (shell/electron/ipc.ts)',
  CSP_GLOBAL_CHECK:
    'the CSP is set on every response of our app:// protocol handler in shell/electron/main.ts ' +
    '(CONTENT_SECURITY_POLICY, shell/electron/security.ts), and renderer/index.html carries the same one as a meta tag; ' +
    'this check only looks for HTML and onHeadersReceived in shell/electron/',
};

const out = mkdtempSync(join(tmpdir(), 'flowloop-electronegativity-'));
const report = join(out, 'report.sarif');
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
const run = spawnSync(
  process.execPath,
  [
    cli,
    '-i',
    join(root, 'shell', 'electron'),
    '-r',
    '-v',
    'false',
    '-e',
    electronVersion,
    '-x',
    'AvailableSecurityFixesGlobalCheck',
    '-o',
    report,
  ],
  {
    cwd: root,
    encoding: 'utf8',
    // LANG=en-US: its translations are bundled, so the download of others fails fast or not at all.
    env: { ...process.env, LANG: 'en-US' },
  },
);
/** @type {{ rule: string, where: string, text: string }[]} */
let rows;
try {
  const sarif = JSON.parse(readFileSync(report, 'utf8'));
  rows = sarif.runs[0].results.map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    const line = location?.region?.startLine;
    return {
      rule: result.ruleId,
      where: `${location?.artifactLocation?.uri ?? '?'}${line ? `:${line}` : ''}`,
      text: result.message.text,
    };
  });
} catch (error) {
  process.stderr.write(
    `lint:electron: electronegativity produced no readable report (${error.message})\n${run.stdout}${run.stderr}`,
  );
  process.exit(1);
} finally {
  rmSync(out, { recursive: true, force: true });
}
const findings = rows.filter((row) => !Object.hasOwn(EXCEPTIONS, row.rule));
for (const row of rows) {
  if (Object.hasOwn(EXCEPTIONS, row.rule))
    console.log(`lint:electron: accepted ${row.rule}: ${EXCEPTIONS[row.rule]}`);
}
if (findings.length > 0) {
  console.error(`lint:electron: ${findings.length} electronegativity finding(s):`);
  for (const row of findings) console.error(`  ${row.rule} at ${row.where}: ${row.text}`);
  process.exit(1);
}
console.log(
  `lint:electron: electronegativity (Electron ${electronVersion}) found nothing else in shell/electron/`,
);
