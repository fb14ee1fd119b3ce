import { createRequire } from "node:module";
import * as path from "path";
import { RULES } from "../../policies/index";
import type { Rule, RuleResult } from "../engine/rule-contract";
import { UsageError } from "../model/usage-error";

/** The cdktf.json context key naming a team's own rule modules, relative to the folder cdktf.json is in. */
export const RULES_SETTING = "contactsRules";

/** A team's rule id: `<namespace>/<name>`, so it can never be, or later become, a built-in's id. */
const CUSTOM_ID = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;
/** The scopes a team's rule may have: registry and policy rules are the loader's and review's own. */
const SCOPES = new Set(["contact", "account", "organization", "exception"]);

/**
 * The rules a run judges with: the built-in pack, then each module's rules in the order cdktf.json names them.
 * A module exports `rules`, an array of rules with the built-ins' contract (src/engine/rule-contract.ts).
 * Anything wrong with one (it does not load, a rule lacks a field, an id is taken) is a usage error naming the
 * module and the rule: a rule that cannot run must never pass silently.
 */
export function loadRulePack(setting: unknown, cwd: string): readonly Rule[] {
  if (setting === undefined) return RULES;
  if (!Array.isArray(setting) || !setting.every((entry) => typeof entry === "string" && entry.trim() !== "")) {
    throw new UsageError(
      `cdktf.json's context ${RULES_SETTING} is not a list of module paths. Fix: write it as ["./rules/my-rules.mjs"], paths relative to cdktf.json.`,
    );
  }
  const pack: Rule[] = [...RULES];
  const origin = new Map<string, string>(RULES.map((rule) => [rule.id, "the built-in pack"]));
  for (const module of setting as string[]) {
    for (const rule of rulesOf(module, cwd)) {
      const taken = origin.get(rule.id);
      if (taken) throw ruleError(module, rule.id, `has the same id as a rule of ${taken}`, "give each rule an id of its own");
      origin.set(rule.id, module);
      pack.push(guarded(rule, module));
    }
  }
  return pack;
}

function rulesOf(module: string, cwd: string): Rule[] {
  let exported: { rules?: unknown };
  try {
    // Node's own require, resolved from the project folder: .js and .mjs (Node 20.19 loads ES modules with
    // require), .ts where the app already runs TypeScript (tsx). Synth is synchronous, so no import().
    exported = createRequire(path.join(path.resolve(cwd), "cdktf.json"))(path.resolve(cwd, module)) as { rules?: unknown };
  } catch (error) {
    const why = (error as Error).message.split("\n")[0];
    throw new UsageError(
      `contact rules ${module} (cdktf.json ${RULES_SETTING}) could not be loaded: ${why}. Fix: check the path (relative to cdktf.json) and that the module runs under Node; a .ts module needs the app to run TypeScript, else compile it to .js or .mjs.`,
    );
  }
  if (!Array.isArray(exported.rules) || exported.rules.length === 0) {
    throw new UsageError(
      `contact rules ${module} exports no rules. Fix: export const rules = [ ... ], each rule with the contract the docs give (docs/plugin-and-custom-rules.md, Rules of your own; the types are in the package, dist/src/engine/rule-contract.d.ts).`,
    );
  }
  return exported.rules.map((rule, index) => checkedRule(rule, module, index));
}

function checkedRule(candidate: unknown, module: string, index: number): Rule {
  const rule = (typeof candidate === "object" && candidate !== null ? candidate : {}) as Record<string, unknown>;
  const name = typeof rule.id === "string" && CUSTOM_ID.test(rule.id) ? rule.id : `rules[${index}]`;
  const wrong = (what: string) =>
    ruleError(module, name, what, "give every rule id, scope, title, severity, explanation, fix, controls, exceptable, securitySeverity and check");
  if (typeof rule.id !== "string" || !CUSTOM_ID.test(rule.id))
    throw ruleError(
      module,
      name,
      `has the id ${JSON.stringify(rule.id)}, not one of the form <namespace>/<name>`,
      'name it like "acme/prod-security-domain" (lower case), so it never takes a built-in rule\'s id',
    );
  if (typeof rule.scope !== "string" || !SCOPES.has(rule.scope)) throw wrong(`has scope ${JSON.stringify(rule.scope)}, not one of ${[...SCOPES].join(", ")}`);
  for (const field of ["title", "explanation", "fix"]) if (typeof rule[field] !== "string" || !(rule[field] as string).trim()) throw wrong(`has no ${field}`);
  if (rule.severity !== "error" && rule.severity !== "warning") throw wrong('has a severity that is neither "error" nor "warning"');
  if (!Array.isArray(rule.controls) || !rule.controls.every((control) => typeof control === "string"))
    throw wrong("has no controls (a list of strings, [] for none)");
  if (typeof rule.exceptable !== "boolean") throw wrong("does not say whether an exception may waive it (exceptable: true or false)");
  if (typeof rule.securitySeverity !== "number" || !(rule.securitySeverity >= 0.1 && rule.securitySeverity <= 10))
    throw wrong("has no securitySeverity from 0.1 to 10");
  if (typeof rule.check !== "function") throw wrong("has no check function");
  if (rule.enabled !== undefined && typeof rule.enabled !== "function") throw wrong("has an enabled that is not a function");
  return rule as unknown as Rule;
}

/** The rule, with every answer checked: a check that throws or returns anything but results stops the run, naming the rule. */
function guarded(rule: Rule, module: string): Rule {
  const check = rule.check as (...args: unknown[]) => unknown;
  return {
    ...rule,
    check: (...args: unknown[]) => {
      let results: unknown;
      try {
        results = check.apply(rule, args);
      } catch (error) {
        throw ruleError(module, rule.id, `threw ${(error as Error)?.message ?? String(error)}`, "make check return [] or a list of results, never throw");
      }
      const bad = resultProblem(results, rule.scope);
      if (bad)
        throw ruleError(
          module,
          rule.id,
          `returned ${bad}`,
          "return a list of results, each with a message (RuleResult: docs/plugin-and-custom-rules.md, Rules of your own)",
        );
      return results as RuleResult[];
    },
  } as Rule;
}

function resultProblem(results: unknown, scope: Rule["scope"]): string | undefined {
  if (!Array.isArray(results)) return `${results === null ? "null" : typeof results}, not a list`;
  for (const [index, result] of results.entries()) {
    const fields = (typeof result === "object" && result !== null ? result : undefined) as Record<string, unknown> | undefined;
    if (!fields || typeof fields.message !== "string" || !fields.message.trim()) return `a result [${index}] without a message`;
    if (scope === "organization" && typeof fields.accountId !== "string") return `a result [${index}] without the accountId an organization rule names`;
    for (const text of ["field", "value", "fix", "type"])
      if (fields[text] !== undefined && typeof fields[text] !== "string") return `a result [${index}] whose ${text} is not text`;
    if (fields.severity !== undefined && fields.severity !== "error" && fields.severity !== "warning")
      return `a result [${index}] with severity ${JSON.stringify(fields.severity)}`;
  }
  return undefined;
}

function ruleError(module: string, rule: string, what: string, fix: string): UsageError {
  return new UsageError(`contact rule ${rule} (${module}, cdktf.json ${RULES_SETTING}) ${what}. Fix: ${fix}.`);
}
