// Modules the build makes (vite.config.ts).

declare module 'virtual:choice-rows' {
  /** `[id, text]` rows of the tables of docs/evaluation-logic.md and docs/condition-operators.md, text in Markdown. */
  const rows: readonly (readonly [string, string])[];
  export default rows;
}
