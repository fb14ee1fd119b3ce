import { Directory } from "../../src/model/directory";
import type { ContactValue, PolicyContext } from "../../policies/rule";
import type { ContactType } from "../../src/model/types";
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
