import { describe, expect, it } from 'vitest';
import { guardDocument, documentUnchanged } from '../../../src/compile/document-guard.js';
import { compilePolicySourceCached } from '../../../src/compile/policy-cache.js';
import { evaluateLoaded } from '../../oracle/evaluate.js';
import { loadPolicySet } from '../../oracle/load-policy-set.js';
import { compile, evaluate, PolicyValidationError } from '../../../src/index.js';
import type { EvaluationInput, PolicySource, RequestInput } from '../../../src/index.js';

/**
 * The weak cache behind `evaluate(input)` (issue 7): a source seen before is reused, and never when reusing it could
 * change a result: another id, document, grammar or level, or a document mutated since.
 */

const alice = 'arn:aws:iam::111122223333:user/alice';
const request: RequestInput = { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
const statement = (effect: 'Allow' | 'Deny') => ({ Effect: effect, Action: 's3:GetObject', Resource: '*' });
const docOf = (effect: 'Allow' | 'Deny') => ({ Version: '2012-10-17', Statement: [statement(effect)] });

function reference(input: EvaluationInput) {
  return evaluateLoaded(loadPolicySet(input.policies), input.request);
}

describe('evaluate reuses compiled sources', () => {
  it('returns the cached compiled policy for the same source, grammar and level', () => {
    const source: PolicySource = { id: 'p', document: JSON.stringify(docOf('Allow')) };
    const first = compilePolicySourceCached(source, 'identity', undefined);
    expect(first.ok).toBe(true);
    expect(compilePolicySourceCached(source, 'identity', undefined)).toBe(first);
    // Another grammar or level is another entry; the first one stays.
    expect(compilePolicySourceCached(source, 'permissionsBoundary', undefined)).not.toBe(first);
    expect(compilePolicySourceCached(source, 'scp', 'r-root')).not.toBe(
      compilePolicySourceCached(source, 'scp', 'ou-1'),
    );
    expect(compilePolicySourceCached(source, 'identity', undefined)).toBe(first);
  });

  it('gives evaluate results equal to the uncached reference, sharing the frozen statement references', () => {
    const input: EvaluationInput = { request, policies: { identity: [{ id: 'p', document: docOf('Deny') }] } };
    const one = evaluate(input);
    const two = evaluate(input);
    expect(one).toEqual(reference(input));
    expect(two).toEqual(one);
    expect(two.deniedBy).toBe(one.deniedBy);
    expect(Object.isFrozen(one.deniedBy)).toBe(true);
  });

  it('sees a document object mutated between calls', () => {
    const document = docOf('Allow');
    const input: EvaluationInput = { request, policies: { identity: [{ id: 'p', document }] } };
    expect(evaluate(input).decision).toBe('Allow');
    document.Statement[0] = statement('Deny');
    expect(evaluate(input)).toEqual(reference(input));
    expect(evaluate(input).decision).toBe('ExplicitDeny');
    // A key added or reordered changes the rendering, and so the positions: recompiled too.
    (document as Record<string, unknown>)['Id'] = 'x';
    expect(evaluate(input)).toEqual(reference(input));
  });

  it('sees a new document or id on the same source object', () => {
    const source: { id: string; document: string | object } = { id: 'p', document: JSON.stringify(docOf('Allow')) };
    const input: EvaluationInput = { request, policies: { identity: [source] } };
    expect(evaluate(input).decision).toBe('Allow');
    source.document = JSON.stringify(docOf('Deny'), null, 4);
    expect(evaluate(input)).toEqual(reference(input));
    source.id = 'renamed';
    expect(evaluate(input).deniedBy?.policyId).toBe('renamed');
  });

  it('reuses a deeply frozen document by identity', () => {
    const document = Object.freeze({
      Version: '2012-10-17',
      Statement: Object.freeze([Object.freeze(statement('Deny'))]),
    });
    expect(guardDocument(document)).toEqual({ kind: 'frozen' });
    const source: PolicySource = { id: 'p', document };
    expect(compilePolicySourceCached(source, 'identity', undefined)).toBe(
      compilePolicySourceCached(source, 'identity', undefined),
    );
  });

  it('never caches a document that is not plain JSON data, nor a policy with errors', () => {
    let reads = 0;
    const tricky = {
      Version: '2012-10-17',
      get Statement() {
        reads += 1;
        return [statement(reads > 1 ? 'Deny' : 'Allow')];
      },
    };
    expect(guardDocument(tricky).kind).toBe('uncacheable');
    const input: EvaluationInput = { request, policies: { identity: [{ id: 'p', document: tricky }] } };
    const first = evaluate(input).decision;
    const second = evaluate(input).decision;
    expect([first, second]).toEqual(['Allow', 'ExplicitDeny']);
    const broken: PolicySource = { id: 'bad', document: '{"Statement": {"Effect": "deny"}}' };
    const a = compilePolicySourceCached(broken, 'identity', undefined);
    expect(a.ok).toBe(false);
    expect(compilePolicySourceCached(broken, 'identity', undefined)).not.toBe(a);
    expect(() => evaluate({ request, policies: { identity: [broken] } })).toThrow(PolicyValidationError);
  });

  it('compares snapshots strictly: values, key order, holes and prototypes', () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'] }] };
    const guard = guardDocument(document);
    expect(guard.kind).toBe('snapshot');
    expect(documentUnchanged(document, guard)).toBe(true);
    expect(documentUnchanged({ Statement: document.Statement, Version: '2012-10-17' }, guard)).toBe(false);
    expect(documentUnchanged({ ...document, Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }, guard)).toBe(
      false,
    );
    expect(documentUnchanged({ ...document, Extra: undefined }, guard)).toBe(false);
    const holey = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: new Array<string>(1) }] };
    expect(documentUnchanged(holey, guard)).toBe(false);
    expect(documentUnchanged(Object.assign(Object.create({ inherited: 1 }) as object, document), guard)).toBe(false);
  });

  it('keys compile the same way: a compiled set sees later mutations only through a new compile', () => {
    const document = docOf('Allow');
    const policies = { identity: [{ id: 'p', document }] };
    const compiled = compile(policies);
    document.Statement[0] = statement('Deny');
    // The compiled set is a snapshot of the policies as they were: immutable.
    expect(compiled.check(request)).toBe('Allow');
    expect(compile(policies).check(request)).toBe('ExplicitDeny');
  });

  it('plans a set of the same compiled policies once, and never shares a plan between sets of other shapes (O-12)', () => {
    const allowS3 = { id: 'AllowS3', document: docOf('Allow') };
    const allowAll = {
      id: 'AllowAll',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] },
    };
    const identity = [{ id: 'Admin', document: docOf('Allow') }];
    // The same two sources, on one level or on two levels of the same target: O-10 asks each level for an Allow.
    const oneLevel = { identity, serviceControlPolicies: [{ target: 'r-root', policies: [allowS3, allowAll] }] };
    const twoLevels = {
      identity,
      serviceControlPolicies: [
        { target: 'r-root', policies: [allowS3] },
        { target: 'r-root', policies: [allowAll] },
      ],
    };
    const input = (policies: EvaluationInput['policies']): EvaluationInput => ({ request, policies });
    expect(evaluate(input(oneLevel)).decision).toBe('Allow');
    expect(evaluate(input(twoLevels))).toEqual(reference(input(twoLevels)));
    expect(evaluate(input(twoLevels)).decision).toBe('ImplicitDeny');
    expect(evaluate(input(oneLevel))).toEqual(reference(input(oneLevel)));
  });
});
