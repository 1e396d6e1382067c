// Builds the playground exactly as a user's bundler would consume the library: `iam-policy-evaluator`
// resolves to the package's own ESM build (dist/index.js, made by `npm run build`), never to src/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const libraryBuild = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

// The page talks to nobody: scripts, styles and images only from its own origin, no fetch/XHR/WebSocket at all.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // CodeMirror writes its theme into <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
].join('; ');

/** Adds the CSP to the built page only: the dev server needs its WebSocket for hot reload. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'playground-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** Fails early, with the command to run, when the library has not been built yet. */
function requireLibraryBuild(): Plugin {
  return {
    name: 'playground-require-library-build',
    buildStart() {
      if (!existsSync(libraryBuild)) {
        this.error(`the library build \`dist/index.js\` is missing: run \`npm run build\` first`);
      }
    },
  };
}

export default defineConfig({
  root: here,
  // Relative asset URLs, so the built folder works from any path of any static host.
  base: './',
  publicDir: false,
  plugins: [requireLibraryBuild(), contentSecurityPolicy()],
  resolve: {
    alias: [{ find: /^iam-policy-evaluator$/, replacement: libraryBuild }],
  },
  server: {
    host: '127.0.0.1',
    // The presets are read from examples/ at the repository root.
    fs: { allow: [repoRoot] },
  },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Chromium, Firefox and Safari all support modulepreload; the polyfill would only add code.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1024,
  },
});
