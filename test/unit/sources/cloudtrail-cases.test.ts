import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { evaluate, requestFromCloudTrailEvent } from '../../../src/index.js';
import type { CloudTrailEventError, PolicySet } from '../../../src/index.js';

/** Runs test/cases/cloudtrail/*.json (CT-1..CT-10) against requestFromCloudTrailEvent. */
interface CloudTrailCase {
  readonly description: string;
  readonly semantics: readonly string[];
  readonly event: unknown;
  readonly policies?: PolicySet;
  readonly expected:
    | {
        readonly request: Record<string, unknown>;
        readonly unknownKeys?: readonly string[];
        readonly warnings?: readonly string[];
        readonly decision?: string;
      }
    | { readonly issues: readonly { readonly code: string; readonly pointer: string }[] };
}

const DIR = new URL('../../cases/cloudtrail/', import.meta.url);
const schema = JSON.parse(
  readFileSync(new URL('../../../schemas/cloudtrail-case.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, file: JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as { cases: CloudTrailCase[] } }));

describe.each(files)('test/cases/cloudtrail/$name', ({ file }) => {
  it('matches schemas/cloudtrail-case.schema.json', () => {
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(file.cases.map((c) => [`${c.semantics.join(', ')}: ${c.description}`, c] as const))('%s', (_title, c) => {
    const expected = c.expected;
    if ('issues' in expected) {
      let caught: CloudTrailEventError | undefined;
      try {
        requestFromCloudTrailEvent(c.event);
      } catch (error) {
        caught = error as CloudTrailEventError;
      }
      expect(caught?.issues.map((i) => ({ code: i.code, pointer: i.pointer }))).toEqual(expected.issues);
      return;
    }
    const read = requestFromCloudTrailEvent(c.event);
    expect(read.request).toMatchObject(expected.request);
    for (const key of expected.unknownKeys ?? []) expect(read.unknownKeys).toContain(key);
    for (const text of expected.warnings ?? []) expect(read.warnings.join('\n')).toContain(text);
    if (expected.decision !== undefined) {
      expect(evaluate({ request: read.request, policies: c.policies ?? {} }).decision).toBe(expected.decision);
    }
  });
});
