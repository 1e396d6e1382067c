import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  citations,
  citedIds,
  definedIds,
  proseLines,
  renderSemanticsDoc,
  scannedTexts,
  SEMANTICS_DOC,
  SEMANTICS_PATH,
  undefinedIds,
} from '../../../scripts/generate-semantics-index.js';

// Code, tests and docs cite rule ids (E-4, C-28, PV-5, R7, §7.2, EV-12, RV-4, …). A reader must be able to look
// every one up in docs/: docs/semantics.md defines the checklist's ids, evaluation-logic.md the engine's EV-n choices
// and RV-n request rules. The scan and the definitions are those of scripts/generate-semantics-index.ts, which also
// writes the index of docs/semantics.md that lists the tests citing each id.

const texts = scannedTexts();
const semantics = texts.get(SEMANTICS_DOC) ?? '';
const docsUrl = new URL('../../../docs/', import.meta.url);

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a `-`. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/gu, '-');
}

/** The anchors of a Markdown page, with GitHub's `-1`, `-2` for repeated headings. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const { line } of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.+)$/u.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** The bold entries of docs/semantics.md (`- **E-4** …` and its indented continuation lines), by id. */
function entries(): Map<string, string> {
  const found = new Map<string, string>();
  let current: string | undefined;
  for (const { line } of proseLines(semantics)) {
    const id = /^- \*\*([^*]+)\*\*/u.exec(line)?.[1];
    if (id !== undefined) {
      current = id;
      found.set(id, line);
    } else if (current !== undefined && line.startsWith('  ')) {
      found.set(current, `${found.get(current) ?? ''}\n${line}`);
    } else {
      current = undefined;
    }
  }
  return found;
}

/** The labels `[EVAL]: https://…` defines at the foot of docs/semantics.md. */
const references = new Set(
  [...semantics.matchAll(/^\[([^\]]+)\]: https?:\/\/\S+$/gmu)].map((m) => (m[1] ?? '').toUpperCase()),
);
/** `[X]` and `[K]` are marks, not links. */
const MARKS = new Set(['X', 'K']);
const referencesIn = (text: string): string[] =>
  [...text.matchAll(/\[([A-Z][A-Z0-9-]*)\](?![(:[])/gu)].map((m) => m[1] ?? '').filter((label) => !MARKS.has(label));

describe('the rule-id pattern', () => {
  it('finds the shapes the repository writes', () => {
    expect(citedIds('E-4 explicit deny (V-2), ([X] C-26), (EV-2, E-8), PV-5; RV-4, GK-3, SIM-7.')).toEqual([
      'E-4',
      'V-2',
      'C-26',
      'EV-2',
      'E-8',
      'PV-5',
      'RV-4',
      'GK-3',
      'SIM-7',
    ]);
    expect(citedIds('§1.3 step 7, §7.2, §10.2: R7 and R1, `R4`')).toEqual(['§1.3', '§7.2', '§10.2', 'R7', 'R1', 'R4']);
    expect(citedIds('"semantics": ["\\u00a79.1", "\\u00A77.2"]')).toEqual(['§9.1', '§7.2']);
  });

  it('expands ranges of one family', () => {
    expect(citedIds('C-23..C-28')).toEqual(['C-23', 'C-28', 'C-24', 'C-25', 'C-26', 'C-27']);
    expect(citedIds('(G-19 – G-21), RV-1…RV-5, M-1 to M-3, R1–R3, §1–§3.')).toEqual([
      'G-19',
      'G-21',
      'RV-1',
      'RV-5',
      'M-1',
      'M-3',
      'R1',
      'R3',
      '§1',
      '§3',
      'G-20',
      'RV-2',
      'RV-3',
      'RV-4',
      'M-2',
      'R2',
      '§2',
    ]);
    expect(citedIds('E-4 to C-8, §7.1–§7.3, G-9..G-2')).toEqual(['E-4', 'C-8', '§7.1', '§7.3', 'G-9', 'G-2']);
  });

  it('takes no other hyphenated number for an id', () => {
    const text =
      'SHA-256 UTF-8 ISO-8601 RFC-6901 1E-10 x-amz-1 AES-128 IPv4 US-EAST-1 T-2 EC2-VPC E-4a E-4_b ' +
      'arn:aws:iam::1:role/ROLE-1 HTTP/1.1 R2D2 AR1 §a';
    expect(citedIds(text)).toEqual([]);
  });
});

describe('every rule id cited in the repository is defined in docs/', () => {
  it('as a bold entry, a table row whose first cell is the id, or a heading', () => {
    const missing = [...undefinedIds(texts)].map(([id, files]) => `${id} (cited in ${files.join(', ')})`);
    expect(
      missing,
      `define these ids in docs/semantics.md (\`- **ID** …\`), or fix the citation:\n${missing.join('\n')}`,
    ).toEqual([]);
  });

  it('the scan sees the families in use', () => {
    const cited = citations(texts);
    for (const id of ['E-4', 'C-28', 'PV-5', 'G-32', 'O-14', 'W-11', 'M-5', 'R7', '§7.2', 'EV-12', 'RV-4']) {
      expect(cited.has(id), id).toBe(true);
    }
  });
});

describe('docs/semantics.md', () => {
  it('is current (regenerate the index with `npx tsx scripts/generate-semantics-index.ts`)', () => {
    const onDisk = readFileSync(SEMANTICS_PATH, 'utf8');
    expect(onDisk).toBe(renderSemanticsDoc(onDisk, texts));
  });

  it('defines each id once, and leaves EV-n and RV-n to evaluation-logic.md', () => {
    const defined = definedIds(semantics);
    const all = proseLines(semantics).flatMap(({ line }) => {
      const id = /^- \*\*([^*]+)\*\*|^\| ([^|\s]+) \|/u.exec(line);
      return id === null ? [] : [id[1] ?? id[2] ?? ''];
    });
    const twice = all.filter((id, i) => defined.includes(id) && all.indexOf(id) !== i);
    expect(twice).toEqual([]);
    expect(defined.filter((id) => /^(?:EV|RV)-/u.test(id))).toEqual([]);
  });

  it('gives every entry its AWS source, and every [X] entry the page that records the choice', () => {
    const noSource: string[] = [];
    const noPage: string[] = [];
    for (const [id, text] of entries()) {
      if (referencesIn(text).length === 0 && !/\]\(https?:/u.test(text)) noSource.push(id);
      if (text.includes('[X]') && !/\]\([\w/-]+\.md(?:#[\w-]+)?\)/u.test(text)) noPage.push(id);
    }
    expect(entries().size).toBeGreaterThan(150);
    expect(noSource, 'entries without a source link').toEqual([]);
    expect(noPage, '[X] entries without a link to the docs page that records the choice').toEqual([]);
  });

  it('has a definition for every source key it uses', () => {
    const used = new Set(referencesIn(semantics).map((label) => label.toUpperCase()));
    expect([...used].filter((label) => !references.has(label))).toEqual([]);
  });
});

describe.each(['semantics.md', 'README.md'])('docs/%s', (page) => {
  it('links only to pages and headings that exist', () => {
    const text = texts.get(`docs/${page}`) ?? '';
    const broken: string[] = [];
    for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/gu)) {
      if (/^https?:/u.test(target)) continue;
      const [path = '', anchor] = target.split('#');
      const url = new URL(path === '' ? page : path, docsUrl);
      if (!existsSync(url)) {
        broken.push(target);
      } else if (anchor !== undefined && url.pathname.endsWith('.md')) {
        if (!anchors(readFileSync(url, 'utf8')).has(anchor)) broken.push(target);
      }
    }
    expect(text).not.toBe('');
    expect(broken).toEqual([]);
  });
});
