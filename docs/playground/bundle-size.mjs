// Prints the built playground's size (raw, gzip, brotli) as a Markdown table, for docs/benchmarks.md.
// The build is one self-contained index.html (vite.config.ts, `singleFile`): the rows are its inline script (page,
// editor and engine), its inline styles, and the file as a whole, which is what a browser or a host transfers.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const page = readFileSync(join(import.meta.dirname, 'dist', 'index.html'), 'utf8');
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const inside = (pattern) => [...page.matchAll(pattern)].map((m) => m[1]).join('');

const parts = [
  {
    name: 'inline `<script type="module">`',
    role: 'page + editor + engine',
    text: inside(/<script type="module">([\s\S]*?)<\/script>/g),
  },
  { name: 'inline `<style>`', role: 'styles', text: inside(/<style>([\s\S]*?)<\/style>/g) },
  { name: '`index.html`', role: '**the whole page, one file**', text: page },
];
if (parts[0].text === '') throw new Error('dist/index.html has no inline module script: is it a single-file build?');

console.log('| part | role | raw | gzip | brotli |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const { name, role, text } of parts) {
  const body = Buffer.from(text);
  const gzip = gzipSync(body, { level: 9 }).length;
  const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`| ${name} | ${role} | ${kb(body.length)} | ${kb(gzip)} | ${kb(brotli)} |`);
}
