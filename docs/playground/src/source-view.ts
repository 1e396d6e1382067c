// A statement's source lines, as the user typed them, with the elements that matched marked.
import { h } from './dom.js';

export interface Highlight {
  /** 0-based offsets into the whole document. */
  from: number;
  to: number;
  className: string;
  title: string;
}

/** The lines `firstLine..lastLine` (1-based) of `text`, numbered, with highlights (overlaps keep the first). */
export function sourceLines(
  text: string,
  firstLine: number,
  lastLine: number,
  highlights: readonly Highlight[],
): HTMLElement {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const start = lineStarts[Math.max(0, firstLine - 1)] ?? 0;
  const endLineStart = lineStarts[Math.min(lineStarts.length - 1, Math.max(0, lastLine - 1))] ?? start;
  const newline = text.indexOf('\n', endLineStart);
  const end = newline === -1 ? text.length : newline;

  const sorted = [...highlights]
    .filter((x) => x.to > start && x.from < end)
    .sort((a, b) => a.from - b.from || b.to - a.to);
  const kept: Highlight[] = [];
  for (const x of sorted) {
    const last = kept[kept.length - 1];
    if (!last || x.from >= last.to) kept.push(x);
  }

  const code = h('code');
  let lineNumber = firstLine;
  const gutter = (): HTMLElement =>
    h('span', { className: 'ln', 'aria-hidden': 'true' }, String(lineNumber).padStart(3, ' '), ' ');
  code.appendChild(gutter());
  // Writes plain text, starting a numbered line at each newline.
  const write = (parent: HTMLElement, chunk: string): void => {
    const parts = chunk.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) {
        parent.appendChild(document.createTextNode('\n'));
        lineNumber += 1;
        parent.appendChild(gutter());
      }
      if (part !== '') parent.appendChild(document.createTextNode(part));
    });
  };
  let at = start;
  for (const x of kept) {
    const from = Math.max(x.from, start);
    const to = Math.min(x.to, end);
    write(code, text.slice(at, from));
    const mark = h('mark', { className: x.className, title: x.title });
    write(mark, text.slice(from, to));
    code.appendChild(mark);
    at = to;
  }
  write(code, text.slice(at, end));
  return h('pre', { className: 'source' }, code);
}
