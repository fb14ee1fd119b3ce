import * as fs from "fs";
import * as path from "path";
import { generateRegistry } from "../../scripts/generate-registry";
import type { DeploymentSettings } from "../../src/run/settings";
import { buildApp } from "../support/synth-app";

/** Which stack holds each account, read from the synthesized configuration of every stack. */
function shardOfEachAccount(text: string, sharding: DeploymentSettings["sharding"], extra: Partial<DeploymentSettings> = {}) {
  const built = buildApp(text, { settings: { sharding, ...extra } });
  built.app.synth();
  const stacks = fs.readdirSync(path.join(built.outdir, "stacks"));
  const placement = new Map<string, string[]>();
  const keys = new Map<string, string>();
  for (const stack of stacks) {
    const json = built.stack(stack);
    keys.set(stack, json.terraform.backend?.s3?.key);
    // Each account's four contacts must live together: judge placement by every contact type.
    for (const local of ["billing_contacts", "operations_contacts", "security_contacts", "primary_contacts"]) {
      for (const account of Object.keys(json.locals[local])) {
        placement.set(`${local}/${account}`, [...(placement.get(`${local}/${account}`) ?? []), stack]);
      }
    }
  }
  return { stacks, placement, keys };
}

function withAccounts(text: string, change: (lines: string[]) => string[]): string {
  const [head, rest] = text.split("\naccounts:\n");
  const [accounts, tail] = rest.split("\nexceptions:");
  return `${head}\naccounts:\n${change(accounts.split("\n")).join("\n")}\nexceptions:${tail}`;
}

// Enough accounts for several per shard and a shard over the limit below; more would only cost synthesis time.
const ACCOUNTS = 400;
const registry = generateRegistry({ accounts: ACCOUNTS });
const grown = withAccounts(registry, (lines) => [
  ...lines.filter((_, i) => i % 17 !== 5), // some accounts leave the organization
  ...Array.from({ length: 60 }, (_, i) => `  "${900000000000 + i}": { name: new-${i}, ou: Workloads/BU3/dev }`),
]);

describe.each([
  ["by hash into a fixed number of shards", { by: "hash" as const, shards: 8 }],
  ["by top-level OU", { by: "ou" as const }],
])("sharding %s", (_, sharding) => {
  const before = shardOfEachAccount(registry, sharding, { s3Backend: { bucket: "tf-state", key: "contacts/terraform.tfstate" } });

  test("every account's contacts appear exactly once across the shards, all four in the same shard", () => {
    expect(before.stacks.length).toBeGreaterThan(1);
    for (const [, stacks] of before.placement) expect(stacks).toHaveLength(1);
    const accounts = new Set([...before.placement.keys()].map((k) => k.split("/")[1]));
    expect(accounts.size).toBe(ACCOUNTS);
    for (const account of accounts) {
      const shards = new Set(["billing", "operations", "security", "primary"].map((t) => before.placement.get(`${t}_contacts/${account}`)?.[0]));
      expect(shards.size).toBe(1);
    }
  });

  test("each shard has its own state key", () => {
    expect(new Set(before.keys.values()).size).toBe(before.stacks.length);
    expect([...before.keys.values()]).toContain(`contacts/${before.stacks[0]}/terraform.tfstate`);
  });

  test("adding and removing accounts moves no other account to another shard", () => {
    const after = shardOfEachAccount(grown, sharding);
    let compared = 0;
    for (const [contact, [stack]] of after.placement) {
      const previous = before.placement.get(contact);
      if (!previous) continue;
      expect(`${contact} in ${stack}`).toBe(`${contact} in ${previous[0]}`);
      compared++;
    }
    // Every contact of the accounts that stayed (about 16 in 17 of them, four contacts each) was compared.
    expect(compared).toBeGreaterThan(ACCOUNTS * 4 * 0.9);
  });
});

test("a shard over maxAccountsPerStack is a usage error that says how to fix it", () => {
  expect(() => buildApp(registry, { settings: { sharding: { by: "hash", shards: 2, maxAccountsPerStack: 150 } } })).toThrow(
    /stack contacts-0 has \d+ accounts, .*over sharding.maxAccountsPerStack \(150\)\. Fix: raise sharding.shards/,
  );
});
