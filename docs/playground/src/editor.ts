// One CodeMirror 6 editor per policy document, with the library's validation issues as inline diagnostics.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { forceLinting, lintGutter, linter, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Text } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** What the page needs of an issue: the library's `Issue` fits. */
export interface EditorIssue {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly suggestion?: string;
}

export interface PolicyEditorOptions {
  parent: HTMLElement;
  doc: string;
  /** The editor's accessible name. */
  label: string;
  onChange: (text: string) => void;
  /** Validates the text; resolves once the engine chunk has loaded. */
  validate: (text: string) => Promise<readonly EditorIssue[]>;
  /** Told of every validation run, to list the issues beside the editor. */
  onIssues: (issues: readonly EditorIssue[]) => void;
}

/** The document offset of a 1-based line and column, clamped into the document. */
export function offsetOf(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

const WORD = /[A-Za-z0-9_:.\-*$/]/;

/**
 * The start of the token before `pos` on its line: an issue at the end of a line (`missing , after …`) marks the
 * value it follows, so that the mark is visible.
 */
function previousTokenStart(doc: Text, pos: number): number {
  const line = doc.lineAt(pos);
  const text = line.text;
  let i = pos - line.from;
  while (i > 0 && /\s/.test(text[i - 1] ?? '')) i -= 1;
  if (i === 0) return pos;
  if (text[i - 1] === '"' || text[i - 1] === '\u201d') {
    i -= 1;
    while (i > 0 && text[i - 1] !== '"' && text[i - 1] !== '\u201c') i -= 1;
    return line.from + Math.max(0, i - 1);
  }
  if (!WORD.test(text[i - 1] ?? '')) return line.from + i - 1;
  while (i > 0 && WORD.test(text[i - 1] ?? '')) i -= 1;
  return line.from + i;
}

/** The token an issue points at: a whole string literal, a word, or one character. */
function tokenEnd(doc: Text, from: number): number {
  const line = doc.lineAt(from);
  const text = line.text;
  let i = from - line.from;
  if (i >= text.length) return from;
  if (text[i] === '"') {
    i += 1;
    while (i < text.length && text[i] !== '"' && text[i] !== '\u201d') i += text[i] === '\\' ? 2 : 1;
    return line.from + Math.min(i + 1, text.length);
  }
  if (WORD.test(text[i] ?? '')) {
    while (i < text.length && WORD.test(text[i] ?? '')) i += 1;
    return line.from + i;
  }
  return from + 1;
}

/** Diagnostics at the line and column each issue names. */
export function diagnosticsFor(doc: Text, issues: readonly EditorIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    const at = offsetOf(doc, issue.line, issue.column);
    const atLineEnd = at === doc.lineAt(at).to;
    const from = atLineEnd ? previousTokenStart(doc, at) : at;
    const suggestion = issue.suggestion ? ` (${issue.suggestion})` : '';
    return {
      from,
      to: atLineEnd ? at : tokenEnd(doc, from),
      severity: issue.severity,
      source: issue.code,
      message: `${issue.message}${suggestion}`,
    };
  });
}

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--border)', borderRadius: '6px', backgroundColor: 'var(--code-bg)' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', maxHeight: '22rem', minHeight: '6rem' },
  '.cm-gutters': { backgroundColor: 'var(--gutter-bg)', borderRight: '1px solid var(--border)', color: 'var(--muted)' },
  // The active line and the matching bracket are shown only while the editor has the focus.
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-activeLine, &.cm-focused .cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--selection)' },
  '.cm-matchingBracket, .cm-nonmatchingBracket': { backgroundColor: 'transparent', outline: 'none' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--selection)', outline: '1px solid var(--focus)' },
});

/** JSON token colours from the page's CSS variables, so light and dark schemes both keep their contrast. */
const jsonHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--tok-property)' },
  { tag: tags.string, color: 'var(--tok-string)' },
  { tag: tags.number, color: 'var(--tok-literal)' },
  { tag: [tags.bool, tags.null], color: 'var(--tok-literal)' },
  { tag: tags.invalid, color: 'var(--deny)' },
]);

export function createPolicyEditor(options: PolicyEditorOptions): EditorView {
  const lint = linter(
    async (view) => {
      const text = view.state.doc.toString();
      const issues = text.trim() === '' ? [] : await options.validate(text);
      // A newer edit may have landed while the engine loaded: diagnostics must match the text they point into.
      if (view.state.doc.toString() !== text) return [];
      options.onIssues(issues);
      return diagnosticsFor(view.state.doc, issues);
    },
    { delay: 200 },
  );
  return new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        indentOnInput(),
        bracketMatching(),
        json(),
        syntaxHighlighting(jsonHighlight),
        lintGutter(),
        lint,
        // Tab is left to the browser, so keyboard users can move on from the editor (no indentWithTab).
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-multiline': 'true', spellcheck: 'false' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
        theme,
      ],
    }),
  });
}

/** Re-runs validation now (after something the grammar depends on, such as the action, changed). */
export function revalidate(view: EditorView): void {
  forceLinting(view);
}

/** Moves the cursor to a line and column and focuses the editor. */
export function focusAt(view: EditorView, line: number, column: number): void {
  const pos = offsetOf(view.state.doc, line, column);
  view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  view.focus();
}
