/** A 1-based line and column (UTF-16 code units, as editors count). */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Maps offsets to lines and columns. Built once per text in one pass; each lookup is a binary search.
 * LF, CR LF and a lone CR each end a line.
 */
export class LineIndex {
  readonly #starts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.#starts = starts;
  }

  /** The line and column of `offset` (clamped to the text). */
  at(offset: number): LineColumn {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }
}
