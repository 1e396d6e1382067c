import { isMultivaluedKey } from '../conditions/context-keys.js';
import type { Template } from '../model/normalized-policy.js';
import type { SourceSpan } from '../model/source-span.js';
import { literalTemplate, parseTemplate, type TemplateError } from './parse-template.js';
import type { StatementContext } from './statement-context.js';
import type { IssueLocation } from './issue-sink.js';
import { MESSAGES } from './messages.js';

/** Where a string that may hold variables stands. */
export interface TemplateContext extends StatementContext {
  readonly where: 'resource' | 'condition';
}

/** The location of character `index` of a string value, when the JSON literal has no escapes; else the value. */
export function locateInString(span: SourceSpan, value: string, index: number): IssueLocation {
  if (span.endOffset - span.offset !== value.length + 2) return span;
  return { offset: span.offset + 1 + index, pointer: span.pointer };
}

function templateMessage(error: TemplateError): string {
  switch (error.reason) {
    case 'missing_brace':
      return MESSAGES.variableMissingBrace(error.text);
    case 'missing_quote':
      return MESSAGES.variableMissingQuote(error.text);
    case 'space':
      return MESSAGES.variableSpace(error.text);
    case 'empty':
      return MESSAGES.variableEmpty(error.text);
    case 'bad_name':
      return MESSAGES.variableBadName(error.text);
  }
}

/**
 * Parses the policy variables of a string where variables are allowed (PV-2) and reports their grammar errors
 * (PV-6) and multivalued keys (PV-4). Without `Version` `2012-10-17` the text is literal, with a warning when it
 * looks like a variable (G-9). Returns the template, or undefined when an error was reported.
 */
export function checkTemplate(value: string, span: SourceSpan, context: TemplateContext): Template | undefined {
  if (context.version !== '2012-10-17') {
    if (value.includes('${')) {
      context.sink.warning(
        'variable_not_allowed',
        locateInString(span, value, value.indexOf('${')),
        MESSAGES.variableLiteral(value),
      );
    }
    return literalTemplate(value);
  }
  const parsed = parseTemplate(value, true);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      context.sink.error('invalid_variable', locateInString(span, value, error.index), templateMessage(error));
    }
    return undefined;
  }
  let ok = true;
  for (const part of parsed.template.parts) {
    if (part.kind === 'variable' && isMultivaluedKey(part.key)) {
      context.sink.error('multivalued_variable', span, MESSAGES.multivaluedVariable(part.name));
      ok = false;
    }
  }
  return ok ? parsed.template : undefined;
}
