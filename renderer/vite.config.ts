import { defineConfig } from 'vite';

/**
 * The editor's build, run from the project root (npm run build:renderer): root renderer/, output
 * dist/renderer, and a relative base so the page works from file:// (Electron) and from the web server.
 * JSX uses the automatic runtime of Vite's own transformer: no React plugin needed.
 */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: new URL('../dist/renderer', import.meta.url).pathname,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // @xyflow/react starts with "use client", which means nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
