import { Directory } from "../../src/model/directory";
import type { ContactValue, PolicyContext } from "../../src/engine/rule-contract";
import type { ContactType, PolicyException } from "../../src/model/types";
import type { ListedAccount, OrganizationAccount } from "../../src/model/organization";
import { exampleText, registryFrom, TODAY } from "./workspace";

/** A policy context over a registry text (the example by default), judged on TODAY. */
export function contextFor(text = exampleText(), today = TODAY): PolicyContext {
  const registry = registryFrom(text);
  return { directory: new Directory(registry.people, registry.groups, today), policy: registry.policy, today };
}

/** A contact as Terraform would set it; fields given as literal text. */
export function contact(fields: Record<string, string>, type: ContactType = "SECURITY", accountId = "222222222222"): ContactValue {
  return {
    accountId,
    type,
    fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { known: true, value: v }])),
    location: { resource: "test" },
  };
}

/** An account as `aws organizations list-accounts` lists it, at a line of the accounts file. */
export function organizationAccount(id: string, state: OrganizationAccount["state"], name = `account-${id.slice(0, 3)}`): OrganizationAccount {
  return { id, name, state, position: { file: "org.json", line: 7, column: 9 } };
}

/** An account under `accounts` in the registry, at its registry line. */
export function listedAccount(id: string): ListedAccount {
  return { id, name: `listed-${id.slice(0, 3)}`, position: { file: "contacts/registry.yaml", line: 74, column: 3 } };
}

/** A registry exception for single-recipient on 222222222222's SECURITY contact, expiring on `expires`. */
export function policyException(expires: string, rule = "single-recipient"): PolicyException {
  return {
    rule,
    account: "222222222222",
    type: "SECURITY",
    reason: "Jane covers payments until the alias exists (SEC-123)",
    expires,
    position: { file: "contacts/registry.yaml", line: 90, column: 5 },
  };
}
