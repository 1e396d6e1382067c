// Prints the built playground's bundle sizes (raw, gzip, brotli) as a Markdown table, for docs/benchmarks.md.
// The engine chunk is the dynamic import of src/engine.ts; everything else the page needs up front is the entry.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const assets = join(import.meta.dirname, 'dist', 'assets');
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const role = (name) =>
  name.startsWith('engine-')
    ? 'engine (dynamic import)'
    : name.endsWith('.css')
      ? 'styles'
      : name.startsWith('index-')
        ? 'page + editor (entry)'
        : 'shared chunk';

const ORDER = ['page + editor (entry)', 'engine (dynamic import)', 'shared chunk', 'styles'];

const rows = readdirSync(assets)
  .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
  .sort((a, b) => ORDER.indexOf(role(a)) - ORDER.indexOf(role(b)) || (a < b ? -1 : 1))
  .map((name) => {
    const body = readFileSync(join(assets, name));
    return {
      name,
      role: role(name),
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });

console.log('| file | role | raw | gzip | brotli |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const r of rows)
  console.log(
    `| \`${r.name.replace(/-[\w-]{8}\./, '-[hash].')}\` | ${r.role} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`,
  );
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
  raw: 0,
  gzip: 0,
  brotli: 0,
});
console.log(`| **total** | | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)} |`);
