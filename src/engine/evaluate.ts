import { defaultPolicySettings, type ContactType, type PolicyException, type PolicySettings, type Registry, type SourcePosition } from "../model/types";
import { Directory } from "../model/directory";
import type { ListedAccount, OrganizationAccount } from "../model/organization";
import type { Finding } from "./finding";
import { sensitiveValues, shownValue, withoutSensitiveValues } from "./sensitive-values";
import {
  addressesOf,
  type AccountContacts,
  type ContactRule,
  type ContactValue,
  type PolicyContext,
  type RegistryIssue,
  type Rule,
  type RuleResult,
} from "./rule-contract";

export type { Finding, FindingCause } from "./finding";

/** What the policy saw for one contact, for the audit report: an inventory, not only the failures. */
export interface JudgedContact {
  accountId: string;
  accountName?: string;
  type: ContactType;
  email?: string;
  phone?: string;
  reaches: Partial<Record<"email" | "phone", string[]>>;
  results: Record<string, "pass" | "fail" | "warn" | "excepted">;
  controls: string[];
}

/**
 * Runs the rule pack it is given (the built-ins, policies/index.ts, and a team's own) over contacts and accounts
 * and applies the registry's exceptions.
 * Pure with respect to its inputs: no cdktf, no output; its callers (judgeRegistryAccounts for synth and review, check-plan's judgePlan) feed it.
 */
export class PolicyEvaluation {
  readonly findings: Finding[] = [];
  readonly contacts: JudgedContact[] = [];
  readonly ruleById: ReadonlyMap<string, Rule>;
  private readonly rules: Rule[];
  private readonly contactRules: ContactRule[];
  private readonly verdicts = new Map<string, Verdict>();
  private readonly exceptionsByKey = new Map<string, PolicyException>();
  private readonly usedExceptions = new Set<PolicyException>();
  /** Controls a contact evidences when the contact rules pass: the same for every contact. */
  private readonly contactControls: string[];

  constructor(
    readonly context: PolicyContext,
    /** Every rule of the pack, on or off, in the order findings are listed: what reports describe. */
    readonly pack: readonly Rule[],
    private readonly exceptions: readonly PolicyException[] = [],
  ) {
    this.ruleById = new Map(pack.map((rule) => [rule.id, rule]));
    this.rules = pack.filter((rule) => !rule.enabled || rule.enabled(context.policy));
    this.contactRules = this.rules.filter((r): r is ContactRule => r.scope === "contact");
    this.contactControls = [...new Set(this.contactRules.flatMap((r) => r.controls))];
    for (const exception of exceptions) this.exceptionsByKey.set(exceptionKey(exception.rule, exception.account, exception.type), exception);
  }

  judgeContact(contact: ContactValue): Finding[] {
    const verdict = this.verdictFor(contact);
    let results = verdict.passResults;
    const found: Finding[] = [];
    const secrets = sensitiveValues([contact]);
    if (!results) {
      results = {};
      for (const [rule, ruleResults] of verdict.perRule) {
        const ruleFindings = ruleResults.map((result) =>
          withoutSensitiveValues(
            this.toFinding(rule, result, { accountId: contact.accountId, accountName: contact.accountName, type: contact.type, contact }),
            secrets,
            rule,
          ),
        );
        results[rule.id] = summarize(ruleFindings);
        found.push(...ruleFindings);
      }
    }
    this.contacts.push({
      accountId: contact.accountId,
      accountName: contact.accountName,
      type: contact.type,
      email: shownValue(contact.fields.email),
      phone: shownValue(contact.fields.phone),
      reaches: verdict.reaches,
      results,
      controls: this.contactControls,
    });
    this.findings.push(...found);
    return found;
  }

  judgeAccount(account: AccountContacts): Finding[] {
    const found: Finding[] = [];
    const secrets = sensitiveValues(account.contacts);
    for (const rule of this.rules) {
      if (rule.scope !== "account") continue;
      for (const result of rule.check(account, this.context)) {
        found.push(
          withoutSensitiveValues(
            this.toFinding(rule, result, { accountId: account.accountId, accountName: account.accountName, type: result.type }),
            secrets,
            rule,
          ),
        );
      }
    }
    this.findings.push(...found);
    return found;
  }

  /**
   * The organization's accounts (from `aws organizations list-accounts`) against the registry's: call
   * once per run with every account of the registry, never per stack or shard. Not exceptable.
   */
  judgeOrganization(organization: readonly OrganizationAccount[], accounts: readonly ListedAccount[], accountsFile?: SourcePosition): Finding[] {
    const found: Finding[] = [];
    for (const rule of this.rules) {
      if (rule.scope !== "organization") continue;
      for (const result of rule.check({ organization, accounts, accountsFile }, this.context)) {
        found.push(this.toFinding(rule, result, { accountId: result.accountId, accountName: result.accountName }));
      }
    }
    this.findings.push(...found);
    return found;
  }

  /**
   * A contact resource whose instances (for_each, count) are only known at apply time: none of its
   * contacts can be judged, which fails like any other unverifiable value. Not exceptable.
   */
  judgeUnknownInstances(resource: string, expression: string): Finding[] {
    const found: Finding[] = [];
    for (const rule of this.contactRules) {
      for (const result of rule.checkUnknownInstances?.(expression) ?? []) {
        found.push({
          ruleId: rule.id,
          severity: result.severity ?? rule.severity,
          message: result.message,
          fix: result.fix ?? rule.fix,
          resource,
          controls: rule.controls,
          ruleFix: rule.fix,
          cause: { key: `instances:${resource}`, related: [] },
        });
      }
    }
    this.findings.push(...found);
    return found;
  }

  /** The loader's problems with a registry that does not load, as findings of the registry rules, so they reach the same reports. */
  reportRegistryProblems(problems: readonly RegistryIssue[]): Finding[] {
    const found: Finding[] = [];
    for (const rule of this.rules) {
      if (rule.scope !== "registry") continue;
      for (const problem of problems) for (const result of rule.check(problem)) found.push(this.toFinding(rule, result, {}));
    }
    this.findings.push(...found);
    return found;
  }

  /**
   * Call once, after every contact and account was judged: the exception rules judge each exception (expired, unused).
   * `scope.accounts` limits that to the exceptions of those accounts: a plan judges only the accounts it touches,
   * and an exception for another account is neither used nor unused there. Synth and review judge every one.
   */
  finish(scope: { accounts?: ReadonlySet<string> } = {}): Finding[] {
    const found: Finding[] = [];
    for (const exception of this.exceptions) {
      if (scope.accounts && !scope.accounts.has(exception.account)) continue;
      const usage = { waived: this.usedExceptions.has(exception) };
      for (const rule of this.rules) {
        if (rule.scope !== "exception") continue;
        for (const result of rule.check(exception, usage, this.context)) {
          // Each exception is its own cause, whatever else shares its rule and date.
          const cause = result.cause ?? { key: `exception:${exception.rule}|${exception.account}|${exception.type}`, location: exception.position };
          found.push(this.toFinding(rule, { ...result, cause }, { accountId: exception.account, type: exception.type }));
        }
      }
    }
    this.findings.push(...found);
    return found;
  }

  get failed(): boolean {
    return this.findings.some((f) => f.severity === "error" && !f.excepted);
  }

  /**
   * Whether the run must stop in this mode: any error standing in enforce mode; in warn mode only a
   * blocking one (a Terraform expression in a contact value), which no mode may let through.
   */
  failsIn(mode: PolicySettings["mode"]): boolean {
    return this.findings.some((f) => f.severity === "error" && !f.excepted && (mode === "enforce" || f.blocking));
  }

  /** A rule's result as a finding about an account and type (none for the registry's own problems), with its exception applied. */
  private toFinding(
    rule: Rule,
    result: RuleResult,
    { accountId, accountName, type, contact }: { accountId?: string; accountName?: string; type?: ContactType; contact?: ContactValue },
  ): Finding {
    const fieldPosition = result.field ? contact?.location.fields?.[result.field] : undefined;
    const location = result.location ?? fieldPosition ?? contact?.location.registry;
    const finding: Finding = {
      ruleId: rule.id,
      severity: result.severity ?? rule.severity,
      accountId,
      accountName,
      type,
      field: result.field,
      value: result.value,
      message: result.message,
      fix: result.fix ?? rule.fix,
      location,
      resource: contact?.location.resource,
      controls: rule.controls,
      ruleFix: rule.fix,
      reaches: result.reaches,
      blocking: result.blocking || undefined,
      cause: {
        // Without a cause named by the rule, the value is the cause: the same address on every account that uses it.
        // Not the message, which names people: the fingerprint of an alert must survive a name's correction.
        key: result.cause?.key ?? (result.value !== undefined ? `${result.field ?? ""}=${result.value}` : `${result.type ?? ""}|${result.message}`),
        location: result.cause?.location ?? location,
        related: result.cause?.related ?? [],
      },
    };
    const exception = rule.exceptable && type && accountId ? this.exceptionsByKey.get(exceptionKey(rule.id, accountId, type)) : undefined;
    if (exception && exception.expires >= this.context.today) {
      finding.excepted = { reason: exception.reason, expires: exception.expires };
      this.usedExceptions.add(exception);
    }
    return finding;
  }

  /**
   * The rules' results for a contact's values. Thousands of accounts share a handful of cards, and a
   * contact rule depends only on the type and the values (never on the account), so each distinct
   * contact is judged once; findings are then made per account, with its exceptions.
   */
  private verdictFor(contact: ContactValue): Verdict {
    const key = verdictKey(contact);
    const cached = this.verdicts.get(key);
    if (cached) return cached;
    const perRule = this.contactRules.map((rule): [ContactRule, RuleResult[]] => [rule, rule.check(contact, this.context)]);
    const allPass = perRule.every(([, results]) => results.length === 0);
    const verdict: Verdict = {
      perRule,
      reaches: this.reachesOf(contact),
      passResults: allPass ? Object.fromEntries(perRule.map(([rule]) => [rule.id, "pass" as const])) : undefined,
    };
    this.verdicts.set(key, verdict);
    return verdict;
  }

  private reachesOf(contact: ContactValue): JudgedContact["reaches"] {
    const reaches: JudgedContact["reaches"] = {};
    for (const { field, entry } of addressesOf(contact, this.context.directory)) {
      reaches[field] = entry ? this.context.directory.recipients(entry).current.map((p) => p.name) : [];
    }
    return reaches;
  }
}

interface Verdict {
  perRule: [ContactRule, RuleResult[]][];
  reaches: JudgedContact["reaches"];
  /** Shared by every contact with this verdict when all rules pass. */
  passResults?: JudgedContact["results"];
}

function verdictKey(contact: ContactValue): string {
  let key: string = contact.type;
  for (const field in contact.fields) {
    const value = contact.fields[field];
    key += value === undefined ? `\u001f${field}` : value.known ? `\u001f${field}=${value.value}` : `\u001f${field}?${value.expression}`;
  }
  return key;
}

function summarize(findings: Finding[]): JudgedContact["results"][string] {
  if (findings.length === 0) return "pass";
  if (findings.every((f) => f.excepted)) return "excepted";
  return findings.some((f) => f.severity === "error" && !f.excepted) ? "fail" : "warn";
}

function exceptionKey(rule: string, account: string, type: string): string {
  return `${rule}|${account}|${type}`;
}

/** The evaluation of a registry's contacts as of `today`: its people and groups, its policy, its exceptions. */
export function evaluationFor(
  registry: Pick<Registry, "people" | "groups" | "policy" | "exceptions" | "companyDirectory">,
  today: string,
  rules: readonly Rule[],
): PolicyEvaluation {
  return new PolicyEvaluation(
    { directory: new Directory(registry.people, registry.groups, today, registry.companyDirectory), policy: registry.policy, today },
    rules,
    registry.exceptions,
  );
}

/**
 * The verdict on a registry that does not load: nothing to judge but the loader's problems, each a
 * registry-error finding at its line, so the reports still say what is wrong and where.
 */
export function evaluationOfProblems(problems: readonly RegistryIssue[], today: string, rules: readonly Rule[]): PolicyEvaluation {
  const evaluation = new PolicyEvaluation({ directory: new Directory(new Map(), new Map(), today), policy: defaultPolicySettings(), today }, rules);
  evaluation.reportRegistryProblems(problems);
  return evaluation;
}
