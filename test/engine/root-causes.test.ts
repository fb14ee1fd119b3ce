import { judgeRegistry } from "../../src/engine/judge-registry";
import { RULES } from "../../policies/index";
import { groupByRootCause, type RootCause } from "../../src/engine/root-causes";
import { formatRootCause } from "../../src/reports/format-finding";
import { exampleText, exampleWith, registryFrom, TODAY } from "../support/workspace";

function rootCauses(text: string): RootCause[] {
  return groupByRootCause(judgeRegistry(registryFrom(text), { today: TODAY, rules: RULES }).findings);
}

/** file:line:column of a text's first line containing `needle`, column at `needle` (as the loader counts, from 1). */
function positionOf(text: string, needle: string): string {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`fixture has no ${needle}`);
  return `contacts/registry.yaml:${line + 1}:${lines[line].indexOf(needle) + 1}`;
}
const at = (cause: RootCause) => (cause.location ? `${cause.location.file}:${cause.location.line}:${cause.location.column}` : undefined);

describe("root causes: findings of one rule with one cause are one finding, located where the fix goes", () => {
  test("a person who leaves a group used by several accounts is one finding per group, at the person's left line", () => {
    // Li Chen leaving takes finance (Anita Patel, Li Chen; Mary Major left earlier) and payments-oncall below two people.
    const text = exampleWith([
      "lchen:   { name: Li Chen,      email: li.chen@example.com }",
      'lchen:   { name: Li Chen,      email: li.chen@example.com, left: "2026-11-01" }',
    ]);
    const causes = rootCauses(text).filter((c) => c.ruleId === "single-recipient");
    expect(causes.map((c) => c.key).sort()).toEqual(["group:finance|left:lchen", "group:payments-oncall|left:lchen"]);
    const finance = causes.find((c) => c.key === "group:finance|left:lchen")!;
    expect(at(finance)).toBe(positionOf(text, '"2026-11-01"'));
    // Every account uses the finance card for BILLING: 6 accounts, email and phone, one finding each, one cause.
    expect(finance.accounts).toHaveLength(6);
    expect(finance.types).toEqual(["BILLING"]);
    expect(finance.findings).toHaveLength(12);
    expect(finance.related.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual(
      expect.arrayContaining([positionOf(text, "[apatel, lchen, mmajor]"), positionOf(text, '"2026-06-30"')]),
    );
    expect(formatRootCause(finance)).toBe(
      "error single-recipient email aws-billing@example.com reaches 1 current person (Anita Patel; Li Chen left 2026-11-01, Mary Major left 2026-06-30), 2 required; " +
        "affects BILLING of 6 accounts: 111111111111 (management), 222222222222 (payments-prod), 333333333333 (payments-dev) and 3 more. " +
        `Fix: add current members to group finance, or point the contact at a group alias with at least 2 members. ${positionOf(text, '"2026-11-01"')} ` +
        `(also ${positionOf(text, "[apatel, lchen, mmajor]")}, ${positionOf(text, '"2026-06-30"')} and 2 more places)`,
    );
  });

  test("a group that never had enough members is one finding at its members line", () => {
    const text = exampleWith(["members: [rroe, omar]", "members: [rroe]"]);
    const [oncall] = rootCauses(text).filter((c) => c.ruleId === "single-recipient");
    expect(oncall.key).toBe("group:platform-oncall");
    expect(at(oncall)).toBe(positionOf(text, "[rroe]"));
    // 222222222222 has its own OPERATIONS card; the five others share the default.
    expect(oncall.accounts.map((a) => a.id)).toEqual(["111111111111", "333333333333", "444444444444", "555555555555", "666666666666"]);
  });

  test("a personal address on a card is one finding at the card's email line, for every account that uses the card", () => {
    const text = exampleWith(["email: aws-security@example.com,    phone", "email: jane.doe@example.com,        phone"]);
    const causes = rootCauses(text);
    expect(causes).toHaveLength(1);
    expect(at(causes[0])).toBe(
      positionOf(text, "email: jane.doe@example.com,        phone").replace(/:\d+$/, `:${text.split("\n")[50].indexOf("jane.doe") + 1}`),
    );
    expect(causes[0].accounts.map((a) => a.id)).toEqual(["111111111111", "444444444444", "555555555555", "666666666666"]);
  });

  test("one unregistered address on two cards is one finding at the first card, the other card related", () => {
    const text = exampleWith(
      ["email: aws-billing@example.com,     phone", "email: nobody@example.com,         phone"],
      ["email: aws-ops@example.com,         phone", "email: nobody@example.com,         phone"],
    );
    const unlisted = rootCauses(text).filter((c) => c.ruleId === "unlisted-address");
    expect(unlisted).toHaveLength(1);
    expect(unlisted[0].types).toEqual(["BILLING", "OPERATIONS"]);
    expect(at(unlisted[0])).toBe(`contacts/registry.yaml:52:${text.split("\n")[51].indexOf("nobody") + 1}`);
    expect(unlisted[0].related.map((p) => p.line)).toEqual([53]);
  });

  test("a group whose review lapsed is one finding at its reviewed line, whatever reaches it", () => {
    const text = exampleWith(['reviewed: "2026-08-20"', 'reviewed: "2025-08-20"']);
    const stale = rootCauses(text).filter((c) => c.ruleId === "stale-review");
    expect(stale.map((c) => c.key)).toEqual(["group:platform-oncall"]);
    expect(at(stale[0])).toBe(positionOf(text, '"2025-08-20"'));
  });

  test("an exception waives its account and type only: the root cause still fails for the others, and says how many are excepted", () => {
    const text = exampleWith(
      ["email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"],
      [
        "exceptions: []",
        'exceptions:\n  - { rule: single-recipient, account: "222222222222", type: SECURITY, reason: "Jane covers payments (SEC-123)", expires: "2026-12-31" }',
      ],
    );
    const [cause] = rootCauses(text);
    expect(cause).toMatchObject({ level: "error", excepted: 1 });
    expect(formatRootCause(cause)).toContain("affects SECURITY of 2 accounts: 222222222222 (payments-prod), 333333333333 (payments-dev); 1 of them excepted.");
  });

  test("the example registry has no root cause at all", () => {
    expect(rootCauses(exampleText())).toEqual([]);
  });

  test("the fingerprint names the rule and the cause, not the line: it survives an unrelated edit above", () => {
    const text = exampleWith(["members: [rroe, omar]", "members: [rroe]"]);
    const shifted = text.replace("policy:\n", "# a comment that moves every line\npolicy:\n");
    const [before] = rootCauses(text);
    const [after] = rootCauses(shifted);
    expect(after.location!.line).toBe(before.location!.line + 1);
    expect(after.fingerprint).toBe(before.fingerprint);
  });
});
