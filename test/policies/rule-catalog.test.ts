import * as fs from "fs";
import * as path from "path";
import { RULES, ruleById } from "../../policies/index";
import type { Rule } from "../../src/engine/rule-contract";
import schema from "../../schema/registry.schema.json";
import { REPO_ROOT } from "../support/workspace";

const POLICIES = path.join(REPO_ROOT, "policies");
/** A doc comment "Given ... Then FAIL" (or WARN) right above `export const <name>: <Scope>Rule =`. */
const SCENARIO_COMMENT = /\/\*\*(?:(?!\*\/)[^])*Given (?:(?!\*\/)[^])*Then (?:FAIL|WARN)(?:(?!\*\/)[^])*\*\/\s*export const \w+: \w+Rule<"[a-z-]+"> =/;
const ids = (rules: readonly Rule[]) => rules.map((rule) => rule.id).sort();

/** The rules table of docs/policy-and-rules.md (the one headed `| id | severity | ...`): each row's id and severity. */
function documentedRules(): { id: string; severity: string }[] {
  const lines = fs.readFileSync(path.join(REPO_ROOT, "docs/policy-and-rules.md"), "utf8").split("\n");
  const header = lines.findIndex((line) => /^\| id \| severity \|/.test(line));
  expect(header).toBeGreaterThan(-1);
  const rows: { id: string; severity: string }[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [id, severity] = line
      .split("|")
      .slice(1, 3)
      .map((cell) => cell.trim());
    rows.push({ id: id.replace(/^`|`$/g, ""), severity });
  }
  return rows;
}

describe("rule catalog: RULES is the one list of rules, and the schema and the docs agree with it", () => {
  test("every rule has an id, a title, an explanation, a fix, a severity and controls; ids are unique", () => {
    for (const rule of RULES) {
      expect({ id: rule.id, title: rule.title, explanation: rule.explanation, fix: rule.fix }).toEqual({
        id: expect.stringMatching(/^[a-z]+(-[a-z]+)*$/),
        title: expect.stringMatching(/\S/),
        explanation: expect.stringMatching(/\S/),
        fix: expect.stringMatching(/\S/),
      });
      expect(["error", "warning"]).toContain(rule.severity);
      expect(Array.isArray(rule.controls)).toBe(true);
    }
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    expect([...ruleById.keys()].sort()).toEqual(ids(RULES));
  });

  test("the schema's enum of rules an exception may name is exactly the exceptable rules, and no built-in id has a team rule's form", () => {
    const [builtIn, teams] = schema.properties.exceptions.items.properties.rule.anyOf;
    expect([...(builtIn.enum ?? [])].sort()).toEqual(ids(RULES.filter((rule) => rule.exceptable)));
    expect(RULES.filter((rule) => new RegExp(teams.pattern ?? "^$").test(rule.id))).toEqual([]);
  });

  test("the rules table of docs/policy-and-rules.md lists exactly the rules, each with its severity", () => {
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(documentedRules().sort(byId)).toEqual(RULES.map((rule) => ({ id: rule.id, severity: rule.severity })).sort(byId));
  });

  test("policies/ holds the contract, the index and one listed rule per file, named for its id, its scenarios above it", async () => {
    const files = fs.readdirSync(POLICIES).filter((file) => file.endsWith(".ts") && file !== "rule.ts" && file !== "index.ts");
    const found: string[] = [];
    for (const file of files) {
      const exported = Object.values((await import(path.join(POLICIES, file))) as Record<string, unknown>);
      const rules = exported.filter((value): value is Rule => typeof value === "object" && value !== null && "scope" in value && "check" in value);
      expect({ file, rules: rules.map((rule) => rule.id) }).toEqual({ file, rules: [file.replace(/\.ts$/, "")] });
      expect(RULES).toContain(rules[0]);
      expect(fs.readFileSync(path.join(POLICIES, file), "utf8")).toMatch(SCENARIO_COMMENT);
      found.push(rules[0].id);
    }
    expect(found.sort()).toEqual(ids(RULES));
  });

  test("every rule has its test file, test/policies/<rule-id>.test.ts, describing the rule by its id", () => {
    for (const rule of RULES) {
      const file = path.join(__dirname, `${rule.id}.test.ts`);
      expect({ rule: rule.id, exists: fs.existsSync(file) }).toEqual({ rule: rule.id, exists: true });
      expect(fs.readFileSync(file, "utf8")).toContain(`describe("${rule.id}: `);
    }
  });
});
