import { describe, expect, it } from 'vitest';
import {
  assertDecision,
  compile,
  evaluate,
  explain,
  explainAccessDenied,
  RequestValidationError,
  runIntentSuite,
} from '../../../src/index.js';
import type { LoadedIntentSuite, PolicySet, RequestInput } from '../../../src/index.js';
import { iamMatchers } from '../../../src/testing/vitest/index.js';

/** RV-1..RV-4 at every public entry that decides a request: each refuses a malformed one with the typed error. */

const policies: PolicySet = {
  identity: [
    {
      id: 'Read',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
    },
  ],
};
const good: RequestInput = { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: '*' };
const badIp = { ...good, context: { 'aws:SourceIp': '10.0.0.300' } };
const noResource = { principal: good.principal, action: good.action } as unknown as RequestInput;

function pointers(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return (error as RequestValidationError).issues.map((issue) => issue.pointer);
  }
  throw new Error('no RequestValidationError was thrown');
}

describe('every entry point refuses a malformed request with RequestValidationError (RV-1..RV-4)', () => {
  it('evaluate, and a compiled set’s check and evaluate', () => {
    expect(pointers(() => evaluate({ request: noResource, policies }))).toEqual(['/request/resource']);
    expect(pointers(() => compile(policies).check(noResource))).toEqual(['/request/resource']);
    expect(pointers(() => compile(policies).evaluate(badIp))).toEqual(['/request/context/aws:SourceIp']);
  });

  it('explain, without a result (it evaluates) and with one', () => {
    expect(pointers(() => explain({ request: badIp, policies }))).toEqual(['/request/context/aws:SourceIp']);
  });

  it('explainAccessDenied with a context the message does not carry', () => {
    const message =
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject because no identity-based policy allows the s3:GetObject action';
    expect(pointers(() => explainAccessDenied(message, policies, { 'aws:CurrentTime': 'yesterday' }))).toEqual([
      '/request/context/aws:CurrentTime',
    ]);
  });

  it('assertDecision and the vitest matchers', () => {
    expect(pointers(() => assertDecision(policies, badIp, 'Allow'))).toEqual(['/request/context/aws:SourceIp']);
    const matcher = iamMatchers.toAllow as unknown as (this: unknown, set: PolicySet, request: unknown) => unknown;
    expect(pointers(() => matcher.call({ isNot: false }, policies, noResource))).toEqual(['/request/resource']);
  });

  it('an intent suite reports the test as an error naming the pointer, with no decision', () => {
    const suite: LoadedIntentSuite = {
      file: 'intent.yaml',
      tests: [
        {
          name: 'a read from a bad address',
          policies: {},
          policySet: policies,
          policyFiles: [],
          request: badIp,
          expect: { decision: 'Allow' },
          location: { file: 'intent.yaml', line: 3, column: 5 },
        },
      ],
    };
    const result = runIntentSuite(suite);
    expect(result.results[0]?.status).toBe('error');
    expect(result.results[0]?.mismatches[0]).toContain('invalid request at `/request/context/aws:SourceIp`');
    expect(result.results[0]?.summary).toBe('the request has 1 error, so no decision is made');
  });
});
