import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, evaluate, REQUEST_ISSUE_CODES, RequestValidationError } from '../../src/index.js';
import type { EvaluationResult, PolicySet, RequestInput } from '../../src/index.js';
import { typedGlobalKey } from '../../src/request/context-value-types.js';

/**
 * Junk never crashes anything, and a malformed request is never decided (RV-1..RV-5, docs/evaluation-logic.md): random
 * JSON as the request, as the context, as one context value and as the options gives a decision or the typed
 * `RequestValidationError`, from `evaluate` and from a compiled set's `check` and `evaluate` alike, never another
 * exception. Where one entry point decides, all decide the same.
 */

const RUNS = { numRuns: 2_000 };
const ALICE = 'arn:aws:iam::111122223333:user/alice';

const policies: PolicySet = {
  identity: [
    {
      id: 'Conditions',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::photos/${aws:username}/*',
            Condition: {
              IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
              Bool: { 'aws:MultiFactorAuthPresent': 'true' },
              DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
            },
          },
          {
            Effect: 'Deny',
            Action: 's3:DeleteObject',
            Resource: '*',
            Condition: { Null: { 'aws:TokenIssueTime': 'true' } },
          },
        ],
      },
    },
  ],
};
const compiled = compile(policies);

type Outcome =
  | { readonly kind: 'decided'; readonly decision: string }
  | { readonly kind: 'refused'; readonly codes: readonly string[] };

/** Runs one entry point: a decision, or the typed refusal (whose issues must be well-formed); anything else fails. */
function outcomeOf(run: () => EvaluationResult | string): Outcome {
  try {
    const value = run();
    return { kind: 'decided', decision: typeof value === 'string' ? value : value.decision };
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(RequestValidationError);
    const refused = error as RequestValidationError;
    expect(refused.issues.some((issue) => issue.severity === 'error')).toBe(true);
    for (const issue of refused.issues) {
      expect(REQUEST_ISSUE_CODES).toContain(issue.code);
      expect(issue.pointer === '' || issue.pointer.startsWith('/')).toBe(true);
      expect(issue.message.length).toBeGreaterThan(0);
    }
    return { kind: 'refused', codes: refused.issues.map((issue) => issue.code) };
  }
}

/** Every entry point on one request: all must agree. */
function allAgree(request: unknown, options?: unknown): Outcome {
  const input = { request: request as RequestInput, policies };
  const reference = outcomeOf(() => evaluate(input, options as never));
  expect(outcomeOf(() => compiled.check(request as RequestInput, options as never))).toEqual(reference);
  expect(outcomeOf(() => compiled.evaluate(request as RequestInput, options as never))).toEqual(reference);
  return reference;
}

const junk = fc.jsonValue({ maxDepth: 3 });
const anything = fc.oneof(
  junk,
  fc.constantFrom(undefined, null, Number.NaN, Infinity, () => 1, Symbol('s')),
);
const validRequest = fc.record({
  principal: fc.constantFrom(ALICE, '111122223333', 'arn:aws:sts::111122223333:assumed-role/App/s1', '*'),
  action: fc.constantFrom('s3:GetObject', 's3:DeleteObject', 'S3:getobject'),
  resource: fc.constantFrom('arn:aws:s3:::photos/alice/a.jpg', '*'),
});
const keys = fc.constantFrom(
  'aws:SourceIp',
  'aws:MultiFactorAuthPresent',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:MultiFactorAuthAge',
  'aws:PrincipalArn',
  'aws:SourceArn',
  'aws:TokenIssueTime',
  'aws:username',
  'aws:PrincipalTag/team',
  'aws:RequestRegion',
  's3:prefix',
  '__proto__',
  'constructor',
  '',
);

describe('junk requests never crash and are never decided (RV-1..RV-5)', () => {
  it('random JSON as the whole request gives a decision or RequestValidationError, the same from every entry', () => {
    fc.assert(
      fc.property(anything, (request) => {
        allAgree(request);
      }),
      RUNS,
    );
  });

  it('random JSON in each request field never crashes; a field of the wrong type is always refused', () => {
    fc.assert(
      fc.property(
        validRequest,
        fc.constantFrom('principal', 'action', 'resource', 'resourceAccount'),
        anything,
        (request, field, value) => {
          const outcome = allAgree({ ...request, [field]: value });
          if (typeof value !== 'string' && value !== undefined) expect(outcome.kind).toBe('refused');
          if (value === undefined && field !== 'resourceAccount') expect(outcome.kind).toBe('refused');
        },
      ),
      RUNS,
    );
  });

  it('random JSON as the context gives a decision or RequestValidationError; a non-object context is refused', () => {
    fc.assert(
      fc.property(validRequest, anything, (request, context) => {
        const outcome = allAgree({ ...request, context });
        const isRecord = typeof context === 'object' && context !== null && !Array.isArray(context);
        if (!isRecord && context !== undefined)
          expect(outcome).toEqual({ kind: 'refused', codes: ['context_not_an_object'] });
      }),
      RUNS,
    );
  });

  it('random JSON as one context value: only scalars, lists of scalars and null are decided', () => {
    fc.assert(
      fc.property(validRequest, keys, anything, (request, key, value) => {
        const context = JSON.parse('{}') as Record<string, unknown>;
        Object.defineProperty(context, key, { value, enumerable: true, writable: true, configurable: true });
        const outcome = allAgree({ ...request, context });
        const scalar = (v: unknown) =>
          typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
        const readable =
          value === null || value === undefined || scalar(value) || (Array.isArray(value) && value.every(scalar));
        if (!readable) expect(outcome.kind).toBe('refused');
      }),
      RUNS,
    );
  });

  it('random JSON as the options gives a decision or RequestValidationError', () => {
    fc.assert(
      fc.property(
        validRequest,
        fc.oneof(
          anything,
          fc.record({ now: anything }, { requiredKeys: [] }),
          fc.record({ managementAccountId: anything, contextTypeMismatch: anything }, { requiredKeys: [] }),
        ),
        (request, options) => {
          allAgree(request, options);
        },
      ),
      RUNS,
    );
  });

  it('a typed global key with an unreadable value is refused by default, and decided with a warning on request', () => {
    fc.assert(
      fc.property(
        validRequest,
        fc.constantFrom(
          ['aws:SourceIp', '10.0.0.300'],
          ['aws:CurrentTime', 'yesterday'],
          ['aws:MultiFactorAuthPresent', 'maybe'],
          ['aws:MultiFactorAuthAge', '1h'],
          ['aws:SourceArn', 'my-bucket'],
        ),
        (request, [key, value]) => {
          const ask = { ...request, context: { [key]: value } };
          expect(allAgree(ask)).toEqual({ kind: 'refused', codes: ['context_value_type_mismatch'] });
          // Random actions and resources: the catalogue's warnings (CAT-10) are checked elsewhere.
          const options = { contextTypeMismatch: 'warning', catalogue: false } as const;
          expect(allAgree(ask, options).kind).toBe('decided');
          const result = evaluate({ request: ask, policies }, options);
          expect(result.warnings?.map((issue) => [issue.code, issue.pointer])).toEqual([
            ['context_value_type_mismatch', `/request/context/${key}`],
          ]);
          expect(compiled.evaluate(ask, options).warnings).toEqual(result.warnings);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the quick acceptance of typed values agrees with the operators’ readers (RV-4)', () => {
  const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '255', '256', ''));
  const ipLike = fc
    .tuple(octet, octet, octet, octet, fc.constantFrom('.', ':', ''))
    .map(([a, b, c, d, sep]) => [a, b, c, d].join(sep === '' ? '.' : sep));
  const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
  const dateLike = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), two, two, two, two, two, fc.constantFrom('Z', 'z', '+01:00', ''))
    .map(([y, mo, d, h, mi, s, zone]) => `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  const arnLike = fc
    .array(fc.constantFrom('arn', 'aws', '', 's3', 'eu-west-1', '111122223333', 'bucket/key', ':'), { maxLength: 7 })
    .map((parts) => parts.join(':'));
  const scalar = fc.oneof(
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    ipLike,
    dateLike,
    arnLike,
    fc.constantFrom('true', 'false', 'True'),
  );

  it('a value taken without its reader is one the reader accepts, for every typed global key', () => {
    const keys = [
      'aws:sourceip',
      'aws:currenttime',
      'aws:epochtime',
      'aws:securetransport',
      'aws:multifactorauthage',
      'aws:sourcearn',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...keys), scalar, (key, value) => {
        const typed = typedGlobalKey(key);
        expect(typed, key).toBeDefined();
        if (typed?.plainlyReadable(value) === true) expect(typed.read(value).ok, `${key} ${String(value)}`).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
