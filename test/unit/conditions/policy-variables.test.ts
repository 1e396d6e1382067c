import { describe, expect, it } from 'vitest';
import { createRequestContext } from '../../../src/conditions/request-context.js';
import { resolveTemplate, templateKeys } from '../../../src/matching/policy-variables.js';
import { templateOf } from './condition-entry.js';

describe('resolveTemplate (§8)', () => {
  it('substitutes variables and keeps escapes literal (PV-1, PV-7)', () => {
    const result = resolveTemplate(
      templateOf('home/${aws:username}/${*}${?}${$}*'),
      createRequestContext({ 'aws:username': 'ana' }),
    );
    expect(result).toEqual({
      ok: true,
      pieces: [
        { text: 'home/', literal: false },
        { text: 'ana', literal: true },
        { text: '/', literal: false },
        { text: '*', literal: true },
        { text: '?', literal: true },
        { text: '$', literal: true },
        { text: '*', literal: false },
      ],
      text: 'home/ana/*?$*',
      choices: [],
    });
  });

  it('uses the default for a missing key, literally (PV-6, PV-8)', () => {
    const result = resolveTemplate(templateOf("${aws:PrincipalTag/team, 'a*'}"), createRequestContext({}));
    expect(result).toMatchObject({ ok: true, text: 'a*', pieces: [{ text: 'a*', literal: true }], choices: ['PV-8'] });
  });

  it('reports a missing key without default (PV-5)', () => {
    expect(resolveTemplate(templateOf('${aws:username}'), createRequestContext({}))).toEqual({
      ok: false,
      text: '${aws:username}',
      reason: 'variable `aws:username` is missing',
      choices: [],
    });
  });

  it('refuses multivalued keys, default or not (PV-4)', () => {
    const result = resolveTemplate(templateOf("${aws:TagKeys, 'x'}"), createRequestContext({ 'aws:TagKeys': ['a'] }));
    expect(result).toMatchObject({ ok: false, choices: ['PV-4'] });
  });

  it('can let substituted values act as wildcards (PV-8 option)', () => {
    const result = resolveTemplate(
      templateOf('${aws:PrincipalTag/p}'),
      createRequestContext({ 'aws:PrincipalTag/p': '*' }),
      {
        substitutedValuesAreWildcards: true,
      },
    );
    expect(result).toMatchObject({ ok: true, pieces: [{ text: '*', literal: false }], choices: ['PV-8'] });
  });

  it('lists the keys a template reads', () => {
    expect(templateKeys(templateOf('${aws:PrincipalTag/Dept}/${aws:username}/${*}'))).toEqual([
      'aws:principaltag/dept',
      'aws:username',
    ]);
  });
});
