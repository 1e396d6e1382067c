// The library's reasons and trace steps cite the documented rules they implement by id (`… an endpoint (V-2)`,
// `E-4 explicit deny: …`), and `trace.choices` is a list of ids (`EV-1`, `C-26`). That suits a test log; this page
// shows words instead. Citations are dropped from sentences, and each choice is described in the words of the two
// documents that list the engine's choices, whose table rows the build provides (vite.config.ts, `choiceRows`).
import choiceRows from 'virtual:choice-rows';

// A rule id as the library cites it: `E-4`, `EV-15`, `C-26`, or a §1.4 row `R7`; `[X]` marks a choice.
/** `(V-2)`, `(E-6)`, `([X] C-26)`, `(EV-2, E-8)`, `(G-19 – G-21)`, `(§1.3 step 7, E-11)`: the whole group goes. */
const CITATION =
  /\s*\((?:\[[A-Z]\] ?)?(?:[A-Z]{1,3}-\d+|R\d+|§[\d.]+(?: step \d+)?)(?:(?:, | – |–| and | to |-)(?:\[[A-Z]\] ?)?(?:[A-Z]{1,3}-\d+|R\d+|§[\d.]+))*\)/g;
/**
 * A trace step's leading citation (`E-4 explicit deny: …`, `§1.3 step 7 session policy: …`), or a choice's own id
 * before its text (`M-4 [K]: …`).
 */
const LEADING_ID = /^(?:[A-Z]{1,3}-\d+|R\d+|§[\d.]+(?: step \d+)?)(?: \[[A-Z]\])?:? /;
/** Ids closing a parenthesis of words: `(it has none; E-3)` keeps `(it has none)`. */
const TRAILING_IDS = /(?:;|,) (?:[A-Z]{1,3}-\d+|R\d+)(?:, (?:[A-Z]{1,3}-\d+|R\d+))*(?=\))/g;
const BARE_ID = /\b(?:[A-Z]{1,3}-\d+|R\d+)\b/;

/** The text without its rule citations: `the request did not come through an endpoint (V-2)` loses ` (V-2)`. */
export function withoutRuleIds(text: string): string {
  return text.replace(LEADING_ID, '').replace(CITATION, '').replace(TRAILING_IDS, '');
}

/** Markdown table text as plain text: `**bold**` and `[link](target)` keep their words, `[X]` markers go. */
function plain(markdown: string): string {
  return markdown
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[[A-Z]\]\s*/g, '');
}

/**
 * A description without ids: citations dropped, then any sentence that still names a rule by id (`KMS: EV-13; role
 * trust policies: EV-14.`) left out, since it only points elsewhere.
 */
function describedInWords(text: string): string {
  const sentences = withoutRuleIds(plain(text))
    .split(/(?<=\.)\s+/)
    .filter((sentence) => !BARE_ID.test(sentence));
  return sentences.join(' ').trim();
}

/** The first description of each id, in words; the evaluation-logic document comes first. */
function choiceTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const [id, markdown] of choiceRows) {
    const text = describedInWords(markdown);
    if (!table.has(id) && text !== '') table.set(id, text);
  }
  return table;
}

const CHOICES = choiceTable();

/** What a choice id of `trace.choices` means, in words; an id the documents do not describe gets a general phrase. */
export function describeChoice(id: string): string {
  return CHOICES.get(id) ?? 'a behaviour AWS does not document, which this engine decides';
}
