import { ISSUE_CODES } from '../errors/issue-codes.js';
import type { IssueCode } from '../errors/issue-codes.js';
import type { Issue, IssueSeverity } from '../errors/issue.js';
import type { SourceSpan } from '../model/source-span.js';
import type { LineIndex } from './line-index.js';

/** Where an issue points: a span, or an offset with its pointer. */
export type IssueLocation = SourceSpan | { readonly offset: number; readonly pointer: string };

/** Collects the issues of one policy; one instance per call, never shared. */
export class IssueSink {
  readonly #policyId: string;
  readonly #lines: LineIndex;
  readonly #issues: { readonly issue: Issue; readonly offset: number; readonly order: number }[] = [];

  constructor(policyId: string, lines: LineIndex) {
    this.#policyId = policyId;
    this.#lines = lines;
  }

  add(code: IssueCode, severity: IssueSeverity, at: IssueLocation, message: string, suggestion?: string): void {
    const { line, column } = 'line' in at ? at : this.#lines.at(at.offset);
    const issue: Issue = {
      code,
      severity,
      message,
      policyId: this.#policyId,
      line,
      column,
      pointer: at.pointer,
      ...(suggestion === undefined ? {} : { suggestion }),
    };
    this.#issues.push({ issue, offset: at.offset, order: this.#issues.length });
  }

  error(code: IssueCode, at: IssueLocation, message: string, suggestion?: string): void {
    this.add(code, 'error', at, message, suggestion);
  }

  warning(code: IssueCode, at: IssueLocation, message: string, suggestion?: string): void {
    this.add(code, 'warning', at, message, suggestion);
  }

  get hasErrors(): boolean {
    return this.#issues.some((entry) => entry.issue.severity === 'error');
  }

  /** Every issue in text order; at one position, in the order of ISSUE_CODES, then as found. Frozen. */
  issues(): readonly Issue[] {
    const rank = (code: IssueCode): number => ISSUE_CODES.indexOf(code);
    const sorted = [...this.#issues].sort(
      (a, b) => a.offset - b.offset || rank(a.issue.code) - rank(b.issue.code) || a.order - b.order,
    );
    return Object.freeze(sorted.map((entry) => Object.freeze(entry.issue)));
  }
}
