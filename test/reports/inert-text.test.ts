import { inertText } from "../../src/reports/inert-text";

/** What the GitHub Actions runner takes for a workflow command (actions/runner ActionCommand.cs), per line it reads. */
function runnerCommands(output: string): string[] {
  return output.split(/\r\n|\r|\n/).filter((line) => line.trimStart().startsWith("::") || line.includes("##["));
}

describe("inertText: hostile text printed to a terminal or a CI log does nothing", () => {
  test("ESC, BEL and the other control characters are shown as \\u escapes; line feeds stay", () => {
    expect(inertText("Mary\u001b[2J\u0007 Major\u0000\u007f\u009b\nnext\n")).toBe("Mary\\u001b[2J\\u0007 Major\\u0000\\u007f\\u009b\nnext\n");
  });

  test.each([
    ["a line of its own", "name\n::error file=README.md,line=1::FAKE\n"],
    ["after leading spaces and tabs", "  \t::add-mask::secret"],
    ["after a non-breaking space", "\u00a0::error::FAKE"],
    ["after a carriage return, where the runner starts a new line", "name\r::error::FAKE"],
    ["the legacy form anywhere in a line", "Jane ##[error]FAKE"],
    ["a stop-commands token", "::stop-commands::token"],
  ])("no line can start a workflow command: %s", (_, hostile) => {
    expect(runnerCommands(hostile)).not.toEqual([]);
    expect(runnerCommands(inertText(hostile))).toEqual([]);
  });

  test("a neutralised command stays readable: only its first colon is escaped", () => {
    expect(inertText("::error file=README.md,line=1::FAKE")).toBe("\\u003a:error file=README.md,line=1::FAKE");
  });

  test("a JSON report on the same stream still parses to the same values", () => {
    const value = { name: "Eve\u009b31m ##[error]x", lines: ["::error::x"] };
    const json = JSON.stringify(value, null, 2);
    expect(JSON.parse(inertText(json))).toEqual(value);
  });

  test("a progress bar's leading carriage return is kept; any other is escaped", () => {
    expect(inertText("\r[###---] 50%")).toBe("\r[###---] 50%");
    expect(inertText("a\rb")).toBe("a\\u000db");
  });

  test("text without anything hostile is unchanged, and escaping twice changes nothing more", () => {
    const plain = "error single-recipient email a@example.com reaches 1 current person: Jane Doe (contacts/registry.yaml:12:3)\n";
    expect(inertText(plain)).toBe(plain);
    const hostile = "x\u001b\n ::error::y ##[z";
    expect(inertText(inertText(hostile))).toBe(inertText(hostile));
  });
});
