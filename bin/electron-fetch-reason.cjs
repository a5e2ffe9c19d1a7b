// Preloaded into Electron's install script by electron-binary.mjs: Node's fetch fails with the
// bare "fetch failed" and keeps the reason (no such host, connection refused, a certificate) in
// `cause`, which the install script does not print. Here it becomes part of the message.
'use strict';
const fetchAsIs = globalThis.fetch;
globalThis.fetch = async function fetchWithReason(...args) {
  try {
    return await fetchAsIs.apply(this, args);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
    if (cause === null) throw error;
    const code =
      typeof cause.code === 'string' && !cause.message.includes(cause.code) ? ` (${cause.code})` : '';
    throw new Error(`${error.message}: ${cause.message}${code}`, { cause });
  }
};
