// Builds the console into ../dist/console, served by the server at
// /_openzoom/console (src/control/console.ts). Preact's JSX through Vite's own
// transformer: no Babel, no plugin.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/_openzoom/console/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
});
