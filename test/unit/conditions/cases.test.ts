// Runs every data-driven case of test/cases/conditions/*.json, after validating each file against its schema.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compileCondition, evaluateCondition, testCondition } from '../../../src/conditions/evaluate-condition.js';
import { createRequestContext } from '../../../src/conditions/request-context.js';
import { compileActionMatcher } from '../../../src/matching/action.js';
import { matchArn } from '../../../src/matching/arn.js';
import { compileResourceMatcher } from '../../../src/matching/resource.js';
import { matchWildcard } from '../../../src/matching/wildcard.js';
import type { PolicyVersion } from '../../../src/model/normalized-policy.js';
import type { ContextValue } from '../../../src/model/request.js';
import { SPAN, conditionEntries, templateOf } from './condition-entry.js';
import type { RawConditionBlock } from './condition-entry.js';

type Context = Record<string, ContextValue>;

interface CaseBase {
  readonly description: string;
  readonly semantics: readonly string[];
  readonly context?: Context;
  readonly derived?: Context;
  readonly version?: PolicyVersion | null;
  readonly expected: boolean;
  readonly choice?: string;
  readonly reason?: string;
  readonly matchedValue?: string;
}
interface ConditionCase extends CaseBase {
  readonly condition: RawConditionBlock;
  readonly keyStatus?: 'supplied' | 'derived' | 'missing';
  readonly matchedPolicyValues?: readonly string[];
}
interface MatchCase extends CaseBase {
  readonly match: {
    readonly element: 'Wildcard' | 'WildcardIgnoreCase' | 'Arn' | 'Resource' | 'Action';
    readonly patterns: readonly string[];
    readonly value: string;
  };
}
interface CaseFile {
  readonly description: string;
  readonly cases: readonly (ConditionCase | MatchCase)[];
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const schema = JSON.parse(readFileSync(`${root}schemas/condition-case.schema.json`, 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const directory = `${root}test/cases/conditions/`;
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .sort();
const loaded = files.map((name) => ({ name, data: JSON.parse(readFileSync(directory + name, 'utf8')) as unknown }));

function runCondition(c: ConditionCase): void {
  const version = c.version === undefined ? '2012-10-17' : c.version;
  const context = createRequestContext(c.context ?? {}, c.derived);
  const compiled = conditionEntries(c.condition, version).map((entry) => compileCondition(entry));
  const traces = compiled.map((condition) => evaluateCondition(condition, context));
  compiled.forEach((condition, i) => expect(testCondition(condition, context)).toBe(traces[i]?.result));
  expect(traces.every((trace) => trace.result)).toBe(c.expected);
  if (c.choice !== undefined) {
    expect(traces.flatMap((trace) => trace.choices)).toContain(c.choice);
    expect(traces.some((trace) => trace.choice !== undefined)).toBe(true);
  }
  if (c.reason !== undefined) expect(traces.map((trace) => trace.reason).join(' | ')).toContain(c.reason);
  if (c.keyStatus !== undefined) expect(traces[0]?.keyStatus).toBe(c.keyStatus);
  if (c.matchedPolicyValues !== undefined) expect(traces[0]?.matchedPolicyValues).toEqual(c.matchedPolicyValues);
}

function runMatch(c: MatchCase): void {
  const { element, patterns, value } = c.match;
  const version = c.version === undefined ? '2012-10-17' : c.version;
  const context = createRequestContext(c.context ?? {}, c.derived);
  switch (element) {
    case 'Wildcard':
      expect(patterns.some((p) => matchWildcard(p, value))).toBe(c.expected);
      return;
    case 'WildcardIgnoreCase':
      expect(patterns.some((p) => matchWildcard(p, value, { caseInsensitive: true }))).toBe(c.expected);
      return;
    case 'Arn':
      expect(patterns.some((p) => matchArn(p, value))).toBe(c.expected);
      return;
    case 'Action': {
      const matcher = compileActionMatcher(patterns);
      expect(matcher.matches(value)).toBe(c.expected);
      expect(matcher.match(value) !== undefined).toBe(c.expected);
      if (c.choice !== undefined) expect(matcher.match(value)?.choice).toBe(c.choice);
      return;
    }
    case 'Resource': {
      const matcher = compileResourceMatcher(
        patterns.map((raw) => ({ raw, template: templateOf(raw, version), span: SPAN })),
      );
      const result = matcher.match(value, context);
      expect(result.matched).toBe(c.expected);
      expect(matcher.matches(value, context)).toBe(c.expected);
      if (c.choice !== undefined) expect(result.choices).toContain(c.choice);
      if (c.matchedValue !== undefined) expect(result.matched && result.value).toBe(c.matchedValue);
      return;
    }
  }
}

describe('condition case files', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  it.each(loaded)('$name follows schemas/condition-case.schema.json', ({ data }) => {
    const valid = validate(data);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
  it('hold at least 250 cases in total', () => {
    const total = loaded.reduce((sum, file) => sum + (file.data as CaseFile).cases.length, 0);
    expect(total).toBeGreaterThanOrEqual(250);
  });
});

for (const { name, data } of loaded) {
  const file = data as CaseFile;
  describe(`${name}: ${file.description}`, () => {
    it.each(file.cases.map((c, index) => ({ ...c, title: `#${index} [${c.semantics.join(', ')}] ${c.description}` })))(
      '$title',
      (c) => {
        if ('condition' in c) runCondition(c as ConditionCase);
        else runMatch(c as MatchCase);
      },
    );
  });
}
