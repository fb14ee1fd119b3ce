/**
 * A deterministic generator of realistic registries: N accounts over nested OUs, nested groups, some
 * departed people, per-OU and per-account overrides, one management account. Every contact complies
 * with the default policy on GENERATED_TODAY, so synthesis takes the success path a user waits for.
 * Usage: tsx scripts/generate-registry.ts <accounts> [file] [seed]
 */
import * as fs from "fs";
// The same seedable PRNG the local AWS API uses for its faults: one registry per seed on every machine.
import { seededRandom } from "./seeded-random";

export const GENERATED_TODAY = "2026-11-23";

export interface GenerateOptions {
  accounts: number;
  seed?: number;
  /** First account id; ids are consecutive from here, so a larger registry contains the smaller one's ids. */
  firstAccountId?: number;
}

const ENVIRONMENTS = ["prod", "staging", "dev"];

export function generateRegistry({ accounts, seed = 1, firstAccountId = 100000000000 }: GenerateOptions): string {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const units = Math.max(2, Math.ceil(accounts / 200));
  const peopleCount = Math.max(12, units * 6);
  const out: string[] = [
    "# yaml-language-server: $schema=../schema/registry.schema.json",
    `# Generated: ${accounts} accounts, seed ${seed}.`,
    "version: 1",
    "policy: { minRecipients: 2, maxReviewAgeDays: 365 }",
    "people:",
  ];
  for (let i = 0; i < peopleCount; i++) {
    const left = i % 9 === 8 ? ", left: 2026-03-31" : "";
    out.push(`  p${i}: { name: Person ${i}, email: person.${i}@example.com${left} }`);
  }
  // Each unit has a security team (two current people plus a nested leads group) and an on-call rotation.
  out.push("groups:", "  security-leads: { members: [p0, p1, p2], reviewed: 2026-10-01 }");
  out.push('  cloud-security: { email: aws-security@example.com, phone: "+1 206 555 0100", members: [p3, p4, security-leads], reviewed: 2026-10-01 }');
  out.push('  finance: { email: aws-billing@example.com, phone: "+1 206 555 0110", members: [p5, p6, p8], reviewed: 2026-09-15 }');
  out.push('  platform-oncall: { email: aws-ops@example.com, phone: "+1 206 555 0120", members: [p6, p7], reviewed: 2026-08-20 }');
  for (let u = 0; u < units; u++) {
    const member = (k: number) => `p${8 + ((u * 5 + k) % (peopleCount - 8))}`;
    const reviewed = `2026-${String(1 + Math.floor(rand() * 10) + 1).padStart(2, "0")}-15`;
    out.push(
      `  bu${u}-security: { email: bu${u}-security@example.com, phone: "+1 206 600 ${String(u).padStart(4, "0")}", members: [${member(0)}, ${member(1)}, security-leads], reviewed: ${reviewed} }`,
    );
    out.push(
      `  bu${u}-oncall: { email: bu${u}-oncall@example.com, phone: "+1 206 700 ${String(u).padStart(4, "0")}", members: [${member(2)}, ${member(3)}, ${member(4)}], reviewed: ${reviewed} }`,
    );
  }
  out.push("contacts:");
  out.push('  security: { name: Cloud Security Team, title: Security Operations, email: aws-security@example.com, phone: "+1 206 555 0100" }');
  out.push('  billing: { name: Cloud Finance, title: Billing, email: aws-billing@example.com, phone: "+1 206 555 0110" }');
  out.push('  operations: { name: Platform On-call, title: Operations, email: aws-ops@example.com, phone: "+1 206 555 0120" }');
  for (let u = 0; u < units; u++) {
    out.push(
      `  bu${u}-security: { name: BU ${u} Security, title: Security Operations, email: bu${u}-security@example.com, phone: "+1 206 600 ${String(u).padStart(4, "0")}" }`,
    );
    out.push(
      `  bu${u}-oncall: { name: BU ${u} On-call, title: Operations, email: bu${u}-oncall@example.com, phone: "+1 206 700 ${String(u).padStart(4, "0")}" }`,
    );
  }
  out.push("primaryContacts:");
  out.push(
    '  hq: { fullName: Example Corp Cloud Office, companyName: Example Corp, phone: "+1 206 555 0100", addressLine1: 1 Main St, city: Seattle, stateOrRegion: WA, postalCode: "98101", countryCode: US }',
  );
  out.push("defaults: { billing: billing, operations: operations, security: security, primary: hq }");
  out.push("organizationalUnits:");
  for (let u = 0; u < units; u++) {
    out.push(`  Workloads/BU${u}: { security: bu${u}-security }`);
    out.push(`  Workloads/BU${u}/prod: { operations: bu${u}-oncall }`);
  }
  out.push("accounts:", `  "${firstAccountId}": { name: management, management: true }`);
  for (let i = 1; i < accounts; i++) {
    const id = String(firstAccountId + i);
    const unit = Math.floor(rand() * units);
    const ou = i % 25 === 0 ? pick(["Security", "Infrastructure/Network", "Sandbox"]) : `Workloads/BU${unit}/${pick(ENVIRONMENTS)}`;
    const override = i % 50 === 0 ? `, contacts: { operations: bu${unit}-oncall }` : "";
    out.push(`  "${id}": { name: account-${i}, ou: ${ou}${override} }`);
  }
  out.push("exceptions: []", "");
  return out.join("\n");
}

if (require.main === module) {
  const [count, file, seed] = process.argv.slice(2);
  if (!count || !/^\d+$/.test(count)) {
    process.stderr.write("usage: tsx scripts/generate-registry.ts <accounts> [file] [seed]\n");
    process.exit(2);
  }
  const text = generateRegistry({ accounts: Number(count), seed: seed ? Number(seed) : 1 });
  if (file) fs.writeFileSync(file, text);
  else process.stdout.write(text);
}
