import { judgeRegistry } from "../../src/engine/judge-registry";
import { RULES } from "../../policies/index";
import { loadOrganizationAccounts } from "../../src/registry/organization-accounts";
import type { PolicyEvaluation } from "../../src/engine/evaluate";
import { formatFinding } from "../../src/reports/format-finding";
import { generateRegistry, GENERATED_TODAY } from "../../scripts/generate-registry";
import { registryFrom } from "../support/workspace";
import { synthesize } from "../support/synth-app";
import type { DeploymentSettings } from "../../src/run/settings";

/** Every finding, and every contact's rule results, in an order that does not depend on how they were visited. */
function verdict(evaluation: PolicyEvaluation) {
  const contacts = evaluation.contacts.map(
    (c) => `${c.accountId} ${c.type} ${c.email ?? ""} ${c.phone ?? ""} ${JSON.stringify(c.results)} ${JSON.stringify(c.reaches)}`,
  );
  return { findings: evaluation.findings.map(formatFinding).sort(), contacts: contacts.sort() };
}

function difference(review: string[], synth: string[]) {
  const inSynth = new Set(synth);
  const inReview = new Set(review);
  return { onlyInReview: review.filter((line) => !inSynth.has(line)), onlyInSynth: synth.filter((line) => !inReview.has(line)) };
}

function replaced(text: string, ...replacements: [string | RegExp, string][]): string {
  for (const [from, to] of replacements) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`fixture replacement did not match: ${from}`);
    text = next;
  }
  return text;
}

const generated = generateRegistry({ accounts: 120, seed: 7 });

/** Registry shapes that exercise every rule and every level a card can come from. */
const SHAPES: [string, string, Partial<DeploymentSettings> | undefined][] = [
  ["a compliant organization", generated, undefined],
  [
    "a default card pointing at one person, a departed member, an unreviewed group",
    replaced(
      generated,
      ['email: aws-security@example.com, phone: "+1 206 555 0100" }\n  billing', 'email: person.3@example.com, phone: "+1 206 555 0100" }\n  billing'],
      [/members: \[p5, p6, p8\], reviewed: 2026-09-15/, "members: [p5, p8], reviewed: 2026-09-15"],
      [/(bu0-oncall: \{[^}]*), reviewed: [0-9-]+ \}/, "$1 }"],
    ),
    undefined,
  ],
  [
    "an OU override to an unlisted address, an account without a SECURITY card, distinct types and email domains",
    replaced(
      generated,
      [
        "policy: { minRecipients: 2, maxReviewAgeDays: 365 }",
        "policy: { minRecipients: 2, maxReviewAgeDays: 365, distinctTypes: true, emailDomains: [example.com] }",
      ],
      [
        "  bu1-oncall: { name: BU 1 On-call",
        '  stray: { name: Stray, title: Ops, email: ops@example.org, phone: "+1 206 555 0199" }\n  bu1-oncall: { name: BU 1 On-call',
      ],
      ["Workloads/BU1/prod: { operations: bu1-oncall }", "Workloads/BU1/prod: { operations: stray }"],
      [
        "defaults: { billing: billing, operations: operations, security: security, primary: hq }",
        "defaults: { billing: billing, operations: operations, primary: hq }",
      ],
      [/(Workloads\/BU0: \{ security: bu0-security \})/, "$1\n  Sandbox: { security: security, billing: security, operations: security }"],
    ),
    undefined,
  ],
  [
    "exceptions that waive, have expired, and match nothing",
    replaced(
      generated,
      ['email: aws-security@example.com, phone: "+1 206 555 0100" }\n  billing', 'email: person.3@example.com, phone: "+1 206 555 0100" }\n  billing'],
      [
        "exceptions: []",
        [
          "exceptions:",
          '  - { rule: single-recipient, account: "100000000000", type: SECURITY, reason: "management account, moving to a group", expires: 2027-01-31 }',
          '  - { rule: single-recipient, account: "100000000025", type: SECURITY, reason: "waived once, long ago now", expires: 2026-01-31 }',
          '  - { rule: email-domain, account: "100000000001", type: BILLING, reason: "nothing to waive here", expires: 2027-01-31 }',
        ].join("\n"),
      ],
    ),
    undefined,
  ],
  ["an organization sharded by top-level OU", generated, { sharding: { by: "ou" } }],
  ["an organization sharded by hash into five stacks", generated, { sharding: { by: "hash", shards: 5 } }],
  ["a larger organization of another seed, sharded by top-level OU", generateRegistry({ accounts: 400, seed: 3 }), { sharding: { by: "ou" } }],
  // The example accounts file lists none of these accounts: every one is stale, every example account uncovered.
  ["an organization accounts file that disagrees with the registry", `${generated}\norganization: { accountsFile: organization-accounts.json }\n`, undefined],
];

describe("synth and review judge a registry the same way", () => {
  test.each(SHAPES)("%s: the same findings and the same verdict for every contact", (_shape, text, settings) => {
    const bySynth = verdict(synthesize(text, { today: GENERATED_TODAY, settings }).contacts.evaluation);
    const registry = registryFrom(text);
    const byReview = verdict(judgeRegistry(registry, { today: GENERATED_TODAY, rules: RULES, organization: loadOrganizationAccounts(registry) }));
    expect(byReview.findings).toEqual(bySynth.findings);
    expect(bySynth.contacts.length).toBeGreaterThanOrEqual(360);
    // The lines one side has and the other lacks: readable when they differ (a whole-array diff is not).
    expect(difference(byReview.contacts, bySynth.contacts)).toEqual({ onlyInReview: [], onlyInSynth: [] });
  });

  test("the shapes are not all passing: the comparison covers findings of every contact and account rule", () => {
    const rules = new Set(
      SHAPES.flatMap(([, text]) => {
        const registry = registryFrom(text);
        return judgeRegistry(registry, { today: GENERATED_TODAY, rules: RULES, organization: loadOrganizationAccounts(registry) }).findings.map(
          (f) => f.ruleId,
        );
      }),
    );
    expect([...rules].sort()).toEqual(
      [
        "distinct-types",
        "email-domain",
        "expired-exception",
        "missing-contact",
        "single-recipient",
        "stale-account",
        "stale-review",
        "uncovered-account",
        "unlisted-address",
        "unused-exception",
      ].sort(),
    );
  });
});
