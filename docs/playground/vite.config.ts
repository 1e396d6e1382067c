// Builds the playground exactly as a user's bundler would consume the library: `iam-policy-evaluator`
// resolves to the package's own ESM build (dist/index.js, made by `npm run build`), never to src/.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const libraryBuild = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/**
 * The page talks to nobody: no fetch/XHR/WebSocket at all, and no script but its own. The script is inline (see
 * `singleFile`), so `script-src` names its SHA-256 hash instead of an origin: a `file://` page has no origin to name,
 * and no other inline script can run.
 */
function contentSecurityPolicy(scriptHash: string): string {
  return [
    "default-src 'self'",
    `script-src '${scriptHash}'`,
    // The styles are inline, and CodeMirror writes its theme into <style> elements at run time.
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
}

/**
 * Text placed inside `<script>`/`<style>`: a closing tag would end the element early, so `</` becomes `<\/` (the same
 * string, regular expression or comment in JavaScript and CSS alike). A `<!--` cannot be rewritten that safely and
 * would change how the HTML parser reads the rest of the script: it stops the build instead.
 */
function inlineText(text: string, tag: 'script' | 'style'): string {
  if (text.includes('<!--')) throw new Error(`the ${tag} to inline holds \`<!--\`: it cannot be written into the page`);
  return tag === 'script' ? text.replace(/<\/(script)/gi, '<\\/$1') : text.replace(/<\/(style)/gi, '<\\/$1');
}

/**
 * Builds one self-contained `index.html`: the script (the engine included) and the styles are written into the page.
 * Opened from a file (`file://`), browsers refuse module scripts and `import()` of other files (no CORS for `file:`),
 * which left the page at "Loading the engine…"; a page with nothing to load works from a file, any static host and
 * `vite preview` alike. Adds the Content-Security-Policy, with the script's hash, to the built page only: the dev
 * server needs its WebSocket and its own scripts for hot reload.
 */
function singleFile(): Plugin {
  return {
    name: 'playground-single-file',
    apply: 'build',
    enforce: 'post',
    // Last of all plugins' hooks: Vite fills in its preload placeholders (`__VITE_PRELOAD__`) in its own.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const page = bundle['index.html'];
        if (page?.type !== 'asset') return this.error('the build has no index.html');
        let html = String(page.source);
        let script: string | undefined;
        // The tags Vite wrote for the script and the stylesheet: `<script type="module" crossorigin src="./assets/…">`
        // and `<link rel="stylesheet" crossorigin href="./assets/…">`.
        const tags = html.match(/<(?:script|link)\b[^>]*>(?:<\/script>)?/g) ?? [];
        for (const [fileName, output] of Object.entries(bundle)) {
          if (output === page) continue;
          const found = tags.find((tag) => tag.includes(`="./${fileName}"`));
          if (found === undefined)
            return this.error(`\`${fileName}\` is not referenced by index.html: it cannot be inlined`);
          if (output.type === 'chunk') {
            if (script !== undefined) return this.error('more than one script chunk: code splitting must stay off');
            script = inlineText(output.code, 'script');
            const code = script;
            html = html.replace(found, () => `<script type="module">${code}</script>`);
          } else {
            html = html.replace(found, () => `<style>${inlineText(String(output.source), 'style')}</style>`);
          }
          Reflect.deleteProperty(bundle, fileName);
        }
        if (script === undefined) return this.error('the build has no script chunk');
        const hash = `sha256-${createHash('sha256').update(script).digest('base64')}`;
        const csp = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(hash)}" />`;
        // Right after the charset, before any script, so that it covers the whole page.
        page.source = html.replace(/<meta charset="utf-8" \/>/, (charset) => `${charset}\n    ${csp}`);
      },
    },
  };
}

/** The documents whose tables describe each choice the engine names in `trace.choices`. */
const CHOICE_DOCS = ['../evaluation-logic.md', '../condition-operators.md'].map((doc) =>
  fileURLToPath(new URL(doc, new URL('.', import.meta.url))),
);

/**
 * `virtual:choice-rows`: the rows of those tables, `[id, text]` (`| EV-1 | text |`, and `| C-26 | question | answer |
 * option |` as `question — answer`), read at build time so that the page carries the rows and not the documents.
 */
function choiceRows(): Plugin {
  const id = 'virtual:choice-rows';
  const resolved = `\0${id}`;
  return {
    name: 'playground-choice-rows',
    resolveId: (source) => (source === id ? resolved : undefined),
    load(moduleId) {
      if (moduleId !== resolved) return undefined;
      const rows: [string, string][] = [];
      for (const doc of CHOICE_DOCS) {
        this.addWatchFile(doc);
        for (const line of readFileSync(doc, 'utf8').split('\n')) {
          // A table row splits into ['', id, …cells, ''].
          const [, rowId, first, second] = line.split('|').map((cell) => cell.trim());
          if (rowId === undefined || first === undefined || !/^(?:[A-Z]{1,3}-\d+|R\d+)$/.test(rowId)) continue;
          rows.push([rowId, second === undefined || second === '' ? first : `${first} — ${second}`]);
        }
      }
      // `<` escaped: the module ends up inside the page's <script> element.
      return `export default ${JSON.stringify(rows).replace(/</g, '\\u003c')};`;
    },
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
  plugins: [requireLibraryBuild(), choiceRows(), singleFile()],
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
    // One script and one stylesheet, which `singleFile` writes into the page: the engine's dynamic import is inlined
    // (it still runs only when first imported), so nothing is left to preload.
    rolldownOptions: { output: { codeSplitting: false } },
    cssCodeSplit: false,
    assetsInlineLimit: Number.POSITIVE_INFINITY,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1024,
  },
});
