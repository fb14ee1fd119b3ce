/** The evidence as an auditor reads it, built from a registry and its evaluation: rows, exceptions, reviews, who is reached, AWS's values. */
import * as fs from "fs";
import { RULES } from "../../policies/index";
import * as path from "path";
import type { ContactDrift } from "../../src/drift/drift";
import { judgeRegistry } from "../../src/engine/judge-registry";
import { buildEvidence } from "../../src/evidence/build-evidence";
import { readDriftFile, type DriftFile } from "../../src/evidence/drift-file";
import type { Evidence, EvidenceRow, Provenance } from "../../src/evidence/evidence";
import { renderEvidenceHtml } from "../../src/evidence/html-page";
import { liveViewFromDriftFile } from "../../src/evidence/live-view";
import { liveVerdictText } from "../../src/evidence/wording";
import { resolveEffectiveContacts } from "../../src/registry/effective-contacts";
import { exampleText, exampleWith, registryFrom, tempDir, TODAY } from "../support/workspace";
import { auditedExample } from "./evidence-fixtures";

const PROVENANCE: Provenance = {
  registryFile: "contacts/registry.yaml",
  gitCommit: "unknown",
  gitState: "unknown",
  generatedAt: "2026-11-23T08:00:00.000Z",
  source: "test",
  toolVersion: "0.0.0",
};

function evidenceOf(text: string, live?: (registry: ReturnType<typeof registryFrom>) => Parameters<typeof buildEvidence>[0]["live"]): Evidence {
  const registry = registryFrom(text);
  return buildEvidence({
    evaluation: judgeRegistry(registry, { today: TODAY, rules: RULES }),
    mode: registry.policy.mode,
    provenance: PROVENANCE,
    registry,
    live: live?.(registry),
  });
}

const row = (evidence: Evidence, account: string, type: string): EvidenceRow => evidence.rows.find((r) => r.account.id === account && r.contact.type === type)!;

describe("evidence rows", () => {
  test("one row per account and type, with the card, the level that chose it, the people reached and the group with its review", () => {
    const evidence = evidenceOf(exampleText());
    expect(evidence.rows).toHaveLength(24);
    expect(evidence.summary).toMatchObject({ accounts: 6, contacts: 24, rows: 24, errors: 0, warnings: 0, excepted: 0 });
    expect(row(evidence, "222222222222", "OPERATIONS").contact).toMatchObject({ card: "payments-oncall", source: "account", result: "pass" });
    expect(row(evidence, "333333333333", "SECURITY").contact).toMatchObject({ card: "payments-security", source: "OU Workloads/Payments" });
    expect(row(evidence, "444444444444", "SECURITY")).toMatchObject({
      account: { id: "444444444444", name: "data-platform", ou: "Workloads/Data" },
      contact: {
        card: "security",
        cardName: "Cloud Security Team",
        source: "defaults",
        email: "aws-security@example.com",
        phone: "+1 206 555 0100",
        reaches: { email: ["Jane Doe", "Richard Roe", "Omar Haddad", "Li Chen"] },
        groups: [{ id: "cloud-security", reviewed: "2026-09-01" }],
        rules: [],
      },
    });
    // Accounts with the same card from the same level share one ContactEvidence: rendered once for thousands of rows.
    expect(row(evidence, "444444444444", "SECURITY").contact).toBe(row(evidence, "555555555555", "SECURITY").contact);
  });

  test("a required contact nobody set is a failing row of its own, beside its account's other rows", () => {
    const evidence = evidenceOf(
      exampleWith([
        "defaults: { billing: billing, operations: operations, security: security, primary: hq }",
        "defaults: { billing: billing, operations: operations, primary: hq }",
      ]),
    );
    const missing = evidence.rows.filter((r) => r.contact.rules.some((rule) => rule.rule === "missing-contact"));
    expect(missing.map((r) => `${r.account.id} ${r.contact.type} ${r.contact.result} ${r.contact.card}`)).toEqual(
      ["111111111111", "444444444444", "555555555555", "666666666666"].map((id) => `${id} SECURITY fail undefined`),
    );
    expect(evidence.summary).toMatchObject({ contacts: 20, rows: 24, errors: 4 });
    const accounts = evidence.rows.map((r) => r.account.id);
    expect(accounts).toEqual([...accounts].sort());
  });

  test("an exception shows on the row it waives and in the summary with its expiry; a review due within 30 days is listed", () => {
    const evidence = evidenceOf(auditedExample());
    expect(row(evidence, "333333333333", "SECURITY").contact).toMatchObject({
      card: "dev-lead",
      result: "excepted",
      rules: [{ rule: "single-recipient", result: "excepted" }],
      exceptions: [{ rule: "single-recipient", reason: "Development account: its lead answers until the team alias exists", expires: "2027-01-31" }],
    });
    expect(evidence.summary.exceptions).toEqual([
      expect.objectContaining({ rule: "single-recipient", account: "333333333333", type: "SECURITY", expires: "2027-01-31", daysLeft: 69, used: true }),
    ]);
    expect(evidence.summary.reviewsDue).toEqual([{ group: "platform-oncall", reviewed: "2025-12-10", due: "2026-12-10", daysLeft: 17 }]);
    expect(row(evidence, "444444444444", "OPERATIONS").contact).toMatchObject({ result: "warn", rules: [{ rule: "stale-review", result: "warn" }] });
    expect(evidence.verdict).toEqual({ success: true, mode: "enforce", today: TODAY });
  });
});

describe("who is reached", () => {
  const evidence = evidenceOf(exampleText());
  const group = (id: string) => evidence.groups.find((g) => g.id === id)!;
  const person = (id: string) => evidence.people.find((p) => p.id === id)!;

  test("a group reaches its nested groups' members, and the accounts whose contacts reach it through a nesting group depend on it", () => {
    expect(group("cloud-security")).toMatchObject({ members: ["jdoe", "rroe", "secops-leads"], current: ["jdoe", "rroe", "omar", "lchen"], accounts: 6 });
    expect(group("secops-leads")).toMatchObject({ current: ["omar", "lchen"], accounts: 6, reviewDue: "2027-09-01" });
    expect(group("finance")).toMatchObject({ current: ["apatel", "lchen"], departed: ["mmajor"], accounts: 6 });
    expect(group("payments-oncall").accounts).toBe(1);
  });

  test("a person's blast radius: the contacts that reach them, and those their leaving would leave with fewer than two people", () => {
    // Li Chen is one of finance's two current members (billing everywhere) and of payments-oncall's two.
    expect(person("lchen")).toMatchObject({ groups: ["secops-leads", "finance", "payments-oncall"], contacts: 17, atRisk: { contacts: 7, accounts: 6 } });
    expect(person("jdoe").atRisk).toEqual({ contacts: 2, accounts: 2 });
    expect(person("mmajor")).toMatchObject({ gone: true, contacts: 0, atRisk: { contacts: 0, accounts: 0 } });
  });
});

describe("what AWS holds, from a contacts drift file", () => {
  /** The registry's sha256 now, as the evidence computes it; the drift file records the one it compared. */
  const SHA256 = "a".repeat(64);
  const ALL = ["111111111111", "222222222222", "333333333333", "444444444444", "555555555555", "666666666666"];
  const drift = (report: Partial<DriftFile>) => (registry: ReturnType<typeof registryFrom>) =>
    liveViewFromDriftFile(
      resolveEffectiveContacts(registry),
      {
        readAt: "2026-11-23T06:00:00.000Z",
        registry: { file: "contacts/registry.yaml", sha256: SHA256 },
        accountsRead: 6,
        accountIdsRead: ALL,
        drift: [],
        failures: [],
        ...report,
      },
      ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"],
      { file: "drift.json", registrySha256: SHA256 },
    );

  test("a contact it lists differs or is missing; one it does not list holds the registry's values; an account it could not read is not read", () => {
    const evidence = evidenceOf(
      exampleText(),
      drift({
        accountsRead: 5,
        accountIdsRead: ALL.filter((id) => id !== "666666666666"),
        drift: [
          {
            accountId: "444444444444",
            accountName: "data-platform",
            type: "SECURITY",
            kind: "different",
            card: "security",
            fields: [{ field: "phone", expected: "+1 206 555 0100", actual: "+1 206 555 9999" }],
          },
          { accountId: "555555555555", accountName: "log-archive", type: "BILLING", kind: "missing", card: "billing", fields: [] },
        ],
        failures: [{ code: "AccessDeniedException", message: "denied", accounts: ["666666666666"] }],
      }),
    );
    expect(row(evidence, "444444444444", "SECURITY").live).toEqual({
      status: "differs",
      fields: ["phone"],
      held: { name: "Cloud Security Team", title: "Security Operations", email: "aws-security@example.com", phone: "+1 206 555 9999" },
      // What AWS holds is judged too: a phone the registry does not know reaches nobody it can name.
      result: "fail",
      rules: [{ rule: "unlisted-address", result: "fail" }],
    });
    expect(row(evidence, "555555555555", "BILLING").live).toEqual({
      status: "missing",
      fields: [],
      result: "fail",
      rules: [{ rule: "missing-contact", result: "fail" }],
    });
    expect(row(evidence, "555555555555", "SECURITY").live).toMatchObject({ status: "matches", held: { email: "aws-security@example.com" }, result: "pass" });
    expect(row(evidence, "666666666666", "PRIMARY").live?.result).toBeUndefined();
    // The registry passes; what AWS holds does not. Account 666666666666 was not read, so its contacts are not judged.
    expect(evidence.verdict.success).toBe(true);
    expect(evidence.liveVerdict).toEqual({
      success: false,
      mode: "enforce",
      failsInMode: true,
      contacts: 19,
      failing: 2,
      lacking: 1,
      errors: 2,
      warnings: 0,
      excepted: 0,
      rootCauses: { errors: 2, warnings: 0, excepted: 0 },
    });
    expect(row(evidence, "666666666666", "PRIMARY").live).toMatchObject({ status: "not-read", note: "AccessDeniedException: denied" });
    expect(evidence.summary.live).toEqual({ matches: 18, differs: 1, missing: 1, unmanaged: 0, "not-read": 4, unknown: 0 });
    expect(evidence.live).toEqual({ readAt: "2026-11-23T06:00:00.000Z", source: "drift.json (contacts drift --format json)" });
  });

  test("a contact the registry does not set and the drift file does not list: AWS holds none either, as --live says, not an account outside the registry", () => {
    const withoutSecurity = exampleWith([
      "defaults: { billing: billing, operations: operations, security: security, primary: hq }",
      "defaults: { billing: billing, operations: operations, primary: hq }",
    ]);
    const evidence = evidenceOf(withoutSecurity, drift({}));
    // AWS holds no SECURITY contact: what AWS holds fails as the registry does, for the contact it lacks.
    expect(row(evidence, "444444444444", "SECURITY").live).toEqual({
      status: "matches",
      fields: [],
      result: "fail",
      rules: [{ rule: "missing-contact", result: "fail" }],
    });
    expect(evidence.summary.live).toMatchObject({ "not-read": 0, unknown: 0 });
  });

  test("what AWS holds is judged with the registry's exceptions and people: an excepted finding is excepted, a person who left fails", () => {
    const registry = exampleWith([
      "exceptions: []",
      'exceptions:\n  - { rule: single-recipient, account: "444444444444", type: SECURITY, reason: "the lead answers until the team alias exists", expires: "2027-01-31" }',
    ]);
    const differs = (accountId: string, accountName: string, email: string): ContactDrift => ({
      accountId,
      accountName,
      type: "SECURITY",
      kind: "different",
      card: "security",
      fields: [{ field: "email", expected: "aws-security@example.com", actual: email }],
    });
    // jane.doe@example.com reaches one current person (Jane Doe); mary.major@example.com, someone who left.
    const evidence = evidenceOf(
      registry,
      drift({ drift: [differs("444444444444", "data-platform", "jane.doe@example.com"), differs("555555555555", "log-archive", "mary.major@example.com")] }),
    );
    expect(row(evidence, "444444444444", "SECURITY").live).toMatchObject({
      held: { email: "jane.doe@example.com" },
      result: "excepted",
      rules: [{ rule: "single-recipient", result: "excepted" }],
    });
    expect(row(evidence, "555555555555", "SECURITY").live).toMatchObject({ result: "fail", rules: [{ rule: "single-recipient", result: "fail" }] });
    expect(evidence.liveVerdict).toMatchObject({ success: false, failing: 1, errors: 1, excepted: 1 });
  });

  test("a drift file that read fewer accounts than the registry has, without saying which: what it does not list is unknown, not a match", () => {
    const evidence = evidenceOf(exampleText(), drift({ accountsRead: 2, accountIdsRead: undefined }));
    expect(row(evidence, "444444444444", "SECURITY").live).toEqual({
      status: "unknown",
      fields: [],
      note: "drift.json read 2 of 6 accounts and does not say which",
    });
  });

  test("a drift file that says nothing of the registry's accounts: what AWS holds is not judged, and never said to pass", () => {
    const evidence = evidenceOf(exampleText(), drift({ accountsRead: 2, accountIdsRead: undefined }));
    expect(evidence.liveVerdict).toMatchObject({ success: true, contacts: 0 });
    expect(liveVerdictText(evidence)).toBe("What AWS holds now was not judged: no contact of it was read (24 not known).");
    expect(renderEvidenceHtml(evidence)).toMatch(/<div class="verdict warn" id="live-verdict"/);
  });

  test("an account the drift file did not read (drift --accounts) is unknown; of an account read in part, the type not read says so and the others match", () => {
    const evidence = evidenceOf(
      exampleText(),
      drift({
        accountsRead: 2,
        accountIdsRead: ["222222222222", "333333333333"],
        failures: [
          {
            code: "TooManyRequestsException",
            message: "Rate exceeded",
            accounts: ["333333333333"],
            contacts: [{ accountId: "333333333333", type: "SECURITY" }],
          },
        ],
      }),
    );
    expect(row(evidence, "444444444444", "SECURITY").live).toEqual({ status: "unknown", fields: [], note: "drift.json did not read this account" });
    expect(row(evidence, "333333333333", "SECURITY").live).toEqual({ status: "not-read", fields: [], note: "TooManyRequestsException: Rate exceeded" });
    expect(row(evidence, "333333333333", "BILLING").live?.status).toBe("matches");
    expect(evidence.summary.live).toEqual({ matches: 7, differs: 0, missing: 0, unmanaged: 0, "not-read": 1, unknown: 16 });
  });

  test("a drift file that compared another registry (another sha256): no row is taken for a match, every one is unknown", () => {
    const evidence = evidenceOf(exampleText(), drift({ registry: { file: "contacts/registry.yaml", sha256: "b".repeat(64) } }));
    expect(row(evidence, "555555555555", "SECURITY").live).toEqual({
      status: "unknown",
      fields: [],
      note: "drift.json compared another registry (contacts/registry.yaml, sha256 bbbbbbbbbbbb…): run contacts drift again",
    });
    expect(evidence.summary.live).toMatchObject({ matches: 0, unknown: 24 });
  });

  test("an older drift file, without the registry it compared or the accounts it read: its rows are unknown, the accounts it could not read not read", () => {
    const evidence = evidenceOf(
      exampleText(),
      drift({
        registry: undefined,
        accountIdsRead: undefined,
        failures: [{ code: "AccessDeniedException", message: "denied", accounts: ["666666666666"] }],
      }),
    );
    expect(row(evidence, "555555555555", "SECURITY").live).toEqual({
      status: "unknown",
      fields: [],
      note: "drift.json does not record the registry it compared (written by an older contacts drift): run contacts drift again",
    });
    expect(evidence.summary.live).toEqual({ matches: 0, differs: 0, missing: 0, unmanaged: 0, "not-read": 4, unknown: 20 });
  });
});

describe("a drift file that is not what contacts drift writes", () => {
  const read = (failure: object) => {
    const dir = tempDir("drift-file-");
    const report = { readAt: "2026-11-23T06:00:00.000Z", accountsRead: 1, accountIdsRead: ["222222222222"], drift: [], failures: [failure] };
    fs.writeFileSync(path.join(dir, "drift.json"), JSON.stringify(report));
    return () => readDriftFile("evidence", "drift.json", dir);
  };

  test("a failure must name its accounts, code and message, and each contact its account and type: one usage line saying how to write it", () => {
    const fix = "Fix: write it with `npx contacts drift --format json > drift.json` (exit status 1, drift, still writes it).";
    const failure = { code: "AccessDeniedException", message: "denied", accounts: ["333333333333"] };
    expect(read(failure)()).toMatchObject({ failures: [failure] });
    expect(read({ ...failure, contacts: [{ type: "SECURITY" }] })).toThrow(
      `contacts evidence: --drift drift.json has a failure (failures[0]) whose contacts do not each name an account and a contact type. ${fix}`,
    );
    expect(read({ ...failure, message: undefined })).toThrow(/without code, message and 12-digit account ids/);
    expect(read({ ...failure, accounts: ["33"] })).toThrow(/without code, message and 12-digit account ids/);
  });
});
