/*
 * Text bound for a terminal or a CI log carries names, emails and plan values that anyone who edits a
 * registry or a plan wrote. On a terminal an ESC sequence recolours, hides or rewrites lines; in GitHub
 * Actions the runner reads every line of a step's output for workflow commands (actions/runner,
 * ActionCommand.cs): a line that starts with `::` after leading white space (`::error file=...::`,
 * `::add-mask::`, `::stop-commands::`), and the legacy form, `##[` anywhere in a line. The runner splits
 * lines at CR as well as LF. So every chunk of text the commands print passes through inertText once, at
 * the sink, rather than each of the values in it at a hundred call sites.
 *
 * The escapes are `\u001b`-style, visible, and valid JSON escapes of the same characters: a JSON or SARIF
 * report on the same stream reads back unchanged (JSON.stringify leaves DEL and C1 characters raw, and a
 * JSON line never starts with `::`), so one sanitizer serves every format.
 */

// C0 except LF (TAB included: a name needs none), DEL and C1.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
// .NET's TrimStart trims what JavaScript's \s matches (U+0085 is a C1 control, escaped before this runs).
const WORKFLOW_COMMAND_LINE = /^(\s*)::/;
const LEGACY_WORKFLOW_COMMAND = /##\[/g;

/** `\u001b` for ESC: the code point, spelled out, so a reader sees what was there and nothing acts on it. */
function visible(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * The text with every control character except a line feed escaped, and no line that a GitHub Actions
 * runner would take for a workflow command: the first colon of a line starting `::` and the `[` of any
 * `##[` become `\u003a` and `\u005b`. A chunk may begin with one carriage return, which is how a progress
 * bar redraws itself on a terminal; the line after it is checked like any other.
 */
export function inertText(text: string): string {
  const redraw = text.startsWith("\r") ? "\r" : "";
  const escaped = text.slice(redraw.length).replace(CONTROL, visible);
  const lines = escaped.split("\n").map((line) => line.replace(WORKFLOW_COMMAND_LINE, "$1\\u003a:").replace(LEGACY_WORKFLOW_COMMAND, "##\\u005b"));
  return redraw + lines.join("\n");
}
