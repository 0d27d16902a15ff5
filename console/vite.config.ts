import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The support console: `dist/console/index.html` and content-hashed files under `assets/`,
 * served by the server at /console (see src/support/console-assets.ts). No inline script or
 * style ends up in the page, so its CSP can allow scripts and styles from this server only.
 */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../dist/console'),
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    // Everything inline would need 'unsafe-inline' in the CSP; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
