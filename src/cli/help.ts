import type { CliCommand, CliOption } from "./command";
import { HELP_OPTION } from "./parse-flags";

const WIDTH = 102;
/** Where descriptions start: two spaces, the label padded to 20, one space; a longer label has a line of its own. */
const COLUMN = 23;

/** `contacts <name> --help`: the usage line and the Options section from the option table, around the command's prose. */
export function commandHelp(command: CliCommand): string {
  const args = command.arguments ?? [];
  const sections = [`Usage: ${usageLine(command)}`, command.about.trimEnd()];
  if (args.length) sections.push(["Arguments:", ...args.map((a) => entry(a.name, a.description))].join("\n"));
  const options = Object.entries(command.options).map(([name, option]) => entry(optionLabel(name, option), optionDescription(option)));
  options.push(entry(`-${HELP_OPTION.short}, --${HELP_OPTION.name}`, HELP_OPTION.description));
  sections.push(["Options:", ...options].join("\n"), command.notes.trimEnd());
  return `${sections.join("\n\n")}\n`;
}

/** e.g. `contacts review --base <git-ref> [--registry <file>] [--format markdown|json] [--allow-new-registry]`. */
export function usageLine(command: CliCommand): string {
  const options = Object.entries(command.options).map(([name, option]) => {
    const value = option.choices ? ` ${option.choices.join("|")}` : option.value ? ` ${option.value}` : "";
    return option.required ? `--${name}${value}` : `[--${name}${value}]`;
  });
  return ["contacts", command.name, ...(command.arguments ?? []).map((a) => a.name), ...options].join(" ");
}

function optionLabel(name: string, option: CliOption): string {
  return `${option.short ? `-${option.short}, ` : ""}--${name}${option.value ? ` ${option.value}` : ""}`;
}

function optionDescription(option: CliOption): string {
  const notes = [
    option.required ? "required" : undefined,
    option.default !== undefined ? `default: ${option.default}` : option.defaultFrom ? `default: ${option.defaultFrom}` : undefined,
  ].filter(Boolean);
  return notes.length ? `${option.description} (${notes.join("; ")})` : option.description;
}

/** A label and its description, wrapped to the help's width under the description column. */
function entry(label: string, description: string): string {
  const indent = " ".repeat(COLUMN);
  const lead = `  ${label}`;
  const lines = lead.length < COLUMN ? [] : [lead];
  let line = lead.length < COLUMN ? lead.padEnd(COLUMN) : indent;
  let words = 0;
  for (const word of description.split(/\s+/).filter(Boolean)) {
    if (words > 0 && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent;
      words = 0;
    }
    line += words > 0 ? ` ${word}` : word;
    words++;
  }
  lines.push(line);
  return lines.join("\n");
}
