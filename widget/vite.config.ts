import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * One self-contained IIFE, `dist/widget/widget.js`: Preact, the widget and its CSS (imported as
 * a string and attached to the shadow root at run time, so there is no second file to load).
 */
export default defineConfig({
  root: here('.'),
  // The demo and clock-check pages' own scripts and styles, copied as they are.
  publicDir: here('static'),
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../dist/widget'),
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    cssCodeSplit: false,
    lib: {
      entry: here('src/index.tsx'),
      formats: ['iife'],
      // The IIFE's exports become the one global, `window.LoginHelp` (open, close).
      name: 'LoginHelp',
      fileName: () => 'widget.js',
    },
  },
});
