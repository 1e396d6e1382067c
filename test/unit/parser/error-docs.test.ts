import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorDocs } from '../../../scripts/generate-error-docs.js';
import { ISSUE_CODE_DOCS } from '../../../src/errors/issue-code-docs.js';
import { ISSUE_CODES } from '../../../src/index.js';

describe('docs/errors.md', () => {
  it('is up to date (regenerate with `npx tsx scripts/generate-error-docs.ts`)', () => {
    expect(readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8')).toBe(renderErrorDocs());
  });

  it('documents every code once, grouped as ISSUE_CODES lists them', () => {
    expect(Object.keys(ISSUE_CODE_DOCS).sort()).toEqual([...ISSUE_CODES].sort());
    const groups = ISSUE_CODES.map((code) => ISSUE_CODE_DOCS[code].group);
    const seen = groups.filter((group, i) => groups.indexOf(group) === i);
    // Each group is one run: no group comes back after another started.
    expect(groups.filter((group, i) => i === 0 || groups[i - 1] !== group)).toEqual(seen);
    for (const code of ISSUE_CODES) expect(renderErrorDocs()).toContain(`| \`${code}\` |`);
  });
});
