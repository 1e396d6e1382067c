// Wildcard matcher benchmark (issue 3): the matcher must stay linear in the value on every input.
// Run: npm run bench -- wildcard   (figures are recorded in docs/benchmarks.md)
import { performance } from 'node:perf_hooks';
import { compileWildcard } from '../../src/matching/wildcard.js';

const STARS = 50;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median milliseconds of `runs` calls, after a warm-up. */
function time(run: () => boolean, runs: number): { ms: number; result: boolean } {
  let result = run();
  for (let i = 0; i < 3; i += 1) result = run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    result = run();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), result };
}

const cases = [
  { name: '`a*a*…a*b` (50 stars), no match', pattern: `${'a*'.repeat(STARS)}b`, fill: 'a', tail: '' },
  {
    name: '`a*a*…a*b` (50 stars), no match, case-insensitive',
    pattern: `${'a*'.repeat(STARS)}b`,
    fill: 'a',
    tail: '',
    caseInsensitive: true,
  },
  { name: '`a*a*…a*b` (50 stars), match', pattern: `${'a*'.repeat(STARS)}b`, fill: 'a', tail: 'b' },
  { name: '`*a*a*…a*b*` (unanchored), no match', pattern: `*${'a*'.repeat(STARS)}b*`, fill: 'a', tail: '' },
  { name: '`*a?a?…a?b*` (20 `?`), no match', pattern: `*${'a?'.repeat(20)}b*`, fill: 'a', tail: '' },
  { name: '`*` + 40-char `?`-segment + `*`', pattern: `*${'ab?'.repeat(14)}*`, fill: 'ab', tail: '' },
];

console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
console.log('');
console.log('| pattern | value | median ms | ns per char | matched |');
console.log('| --- | ---: | ---: | ---: | :---: |');
for (const c of cases) {
  const matcher = compileWildcard(c.pattern, { caseInsensitive: c.caseInsensitive === true });
  for (const size of [10_000, 100_000, 1_000_000]) {
    const value = c.fill.repeat(Math.ceil(size / c.fill.length)).slice(0, size - c.tail.length) + c.tail;
    const runs = size >= 1_000_000 ? 15 : 51;
    const { ms, result } = time(() => matcher.test(value), runs);
    const label = size >= 1_000_000 ? `${size / 1_000_000} MB` : `${size / 1000} KB`;
    console.log(
      `| ${c.name} | ${label} | ${ms.toFixed(3)} | ${((ms * 1e6) / size).toFixed(2)} | ${result ? 'yes' : 'no'} |`,
    );
  }
}
