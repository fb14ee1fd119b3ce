import * as fs from "fs";
import * as path from "path";
import { RULES } from "../../policies/index";
import { cliReference, DOCS_SCRIPT, GENERATED_PAGES, rulesReference } from "../../scripts/generate-docs";
import { commandHelp } from "../../src/cli/help";
import { COMMANDS } from "../../src/cli/main";
import { REPO_ROOT } from "../support/workspace";

describe("generated references: docs/rules.md and docs/cli.md are what the code says", () => {
  test.each(GENERATED_PAGES.map((page) => [page.file, page]))("%s is current", (file, page) => {
    const committed = fs.existsSync(path.join(REPO_ROOT, file)) ? fs.readFileSync(path.join(REPO_ROOT, file), "utf8") : undefined;
    const stale = committed !== page.render();
    expect(stale ? `${file} differs from what the code generates. Fix: run \`${DOCS_SCRIPT}\` and commit ${file}.` : "current").toBe("current");
  });

  test("the rules reference has a section per rule with its severity, explanation, fix and controls", () => {
    const page = rulesReference(RULES);
    for (const rule of RULES) {
      const section = page.slice(page.indexOf(`\n## ${rule.id}\n`)).split("\n## ")[1];
      expect(section).toContain(`Severity \`${rule.severity}\``);
      expect(section).toContain(rule.explanation);
      expect(section).toContain(rule.fix);
      for (const control of rule.controls) expect(section).toContain(control);
      expect(section).toContain(rule.exceptable ? "an exception may waive it" : "no exception may waive it");
    }
  });

  test("a rule whose fix changes gives another page, so a stale page is caught", () => {
    const changed = RULES.map((rule, index) => (index === 0 ? { ...rule, fix: "a different fix" } : rule));
    expect(rulesReference(changed)).not.toBe(rulesReference(RULES));
    expect(rulesReference(changed)).toContain("Fix: a different fix.");
  });

  test("the CLI reference has every command, each option with its default, and the command's whole --help", () => {
    const commands = Object.values(COMMANDS).map((entry) => ({ summary: entry.summary, command: entry.load() }));
    const page = cliReference(commands);
    for (const { command } of commands) {
      expect(page).toContain(`\n## contacts ${command.name}\n`);
      const section = page.slice(page.indexOf(`\n## contacts ${command.name}\n`)).split("\n## ")[1];
      expect(section).toContain(commandHelp(command).trimEnd());
      for (const [name, option] of Object.entries(command.options)) {
        const row = section.split("\n").find((line) => line.startsWith(`| \`${option.short ? `-${option.short}, ` : ""}--${name}\``));
        expect({ name, row: row !== undefined }).toEqual({ name, row: true });
        if (option.default !== undefined) expect(row).toContain(option.default);
      }
    }
  });
});
