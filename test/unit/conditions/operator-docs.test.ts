import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderOperatorDocs } from '../../../scripts/generate-operator-docs.js';
import { CONDITION_CHOICES } from '../../../src/conditions/choices.js';
import { DEFAULT_OPERATOR_FAMILIES } from '../../../src/conditions/registry.js';

const docs = readFileSync(new URL('../../../docs/condition-operators.md', import.meta.url), 'utf8');

describe('docs/condition-operators.md', () => {
  it('is up to date (regenerate with `npx tsx scripts/generate-operator-docs.ts`)', () => {
    expect(docs).toBe(renderOperatorDocs());
  });

  it('lists every operator and every [X] choice', () => {
    for (const family of DEFAULT_OPERATOR_FAMILIES) {
      for (const op of family.operators) expect(docs).toContain(`| \`${op.name}\` |`);
    }
    for (const choice of CONDITION_CHOICES) expect(docs).toContain(`| ${choice.id} | ${choice.question} |`);
  });

  it('documents every [X] id that an operator declares', () => {
    const ids = new Set(CONDITION_CHOICES.map((c) => c.id));
    for (const family of DEFAULT_OPERATOR_FAMILIES) {
      for (const op of family.operators) for (const id of op.choices) expect(ids).toContain(id);
    }
  });
});
