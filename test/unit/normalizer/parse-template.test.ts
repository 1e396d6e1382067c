import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../src/parser/parse-template.js';

describe('parseTemplate (IAM-SEMANTICS §8)', () => {
  it('reads variables, defaults and escapes; keys are lower-cased (PV-1, PV-6, PV-7)', () => {
    expect(parseTemplate("a/${AWS:UserName}/${aws:PrincipalTag/x, 'd}e'}${*}${?}${$}z", true)).toEqual({
      ok: true,
      template: {
        raw: "a/${AWS:UserName}/${aws:PrincipalTag/x, 'd}e'}${*}${?}${$}z",
        parts: [
          { kind: 'text', text: 'a/' },
          { kind: 'variable', key: 'aws:username', name: 'AWS:UserName' },
          { kind: 'text', text: '/' },
          { kind: 'variable', key: 'aws:principaltag/x', name: 'aws:PrincipalTag/x', defaultValue: 'd}e' },
          { kind: 'escape', char: '*' },
          { kind: 'escape', char: '?' },
          { kind: 'escape', char: '$' },
          { kind: 'text', text: 'z' },
        ],
        hasVariables: true,
      },
    });
  });

  it('keeps text with a lone `$` or `}` literal', () => {
    expect(parseTemplate('a$b}c', true)).toEqual({
      ok: true,
      template: { raw: 'a$b}c', parts: [{ kind: 'text', text: 'a$b}c' }], hasVariables: false },
    });
    expect(parseTemplate('', true)).toEqual({ ok: true, template: { raw: '', parts: [], hasVariables: false } });
  });

  it('is literal when variables are off (G-9)', () => {
    expect(parseTemplate('${aws:username}', false)).toEqual({
      ok: true,
      template: { raw: '${aws:username}', parts: [{ kind: 'text', text: '${aws:username}' }], hasVariables: false },
    });
  });

  it.each([
    ['${aws:username', 'missing_brace'],
    ["${a:b, 'x}", 'missing_quote'],
    ['${a:b, x}', 'missing_quote'],
    ['${ a:b}', 'space'],
    ['${a :b}', 'space'],
    ['${}', 'empty'],
    ['${  }', 'empty'],
    ['${a:b#c}', 'bad_name'],
  ])('refuses %s (%s, PV-6)', (text, reason) => {
    const result = parseTemplate(`x${text}`, true);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ reason, index: 1 });
  });

  it('reports every broken variable of a string', () => {
    const result = parseTemplate('${}/${ a}', true);
    expect(result.ok ? [] : result.errors.map((e) => e.reason)).toEqual(['empty', 'space']);
  });
});
