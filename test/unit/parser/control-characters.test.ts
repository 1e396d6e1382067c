import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../../../src/parser/validate-policy.js';

/**
 * Messages stay on one line whatever a policy value holds: control characters are shown as `\uXXXX`, in the quoted
 * value and in the operator's reason that quotes it again (found by the parser property test's one-character changes).
 */
describe('control characters in condition values', () => {
  it('are escaped in the reason of an invalid condition value', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:SecureTransport': '\rue' } },
        },
      ],
    };
    const [issue] = validatePolicy(JSON.stringify(doc), { policyType: 'identity', policyId: 'p' });
    expect(issue?.code).toBe('invalid_condition_value');
    expect(issue?.message).toBe('invalid value `\\u000due` for `BoolIfExists`: `\\u000due` is not `true` or `false`');
    expect(issue?.message).not.toMatch(/[\n\r]/);
  });
});
