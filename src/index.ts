// The package's public entry point (package.json "exports"): the policy as a plugin for any cdktf app.
export { addContactPolicy, type ContactPolicy, type ContactPolicyOptions } from "./cdktf/add-contact-policy";
export { ContactPolicyAspect, type ContactPolicyAspectOptions } from "./cdktf/contact-policy-aspect";
export { RULES, ruleById, type BuiltInRuleId } from "../policies";
export type { Rule, Severity } from "./engine/rule-contract";
export { loadRegistry, parseRegistry, type LoadOptions } from "./registry/load-registry";
export { RegistryError, type RegistryIssue } from "./registry/errors";
export type { Finding, PolicyEvaluation } from "./engine/evaluate";
export type { Registry } from "./model/types";
export type { OrganizationAccount } from "./model/organization";
export type { PolicyMode } from "./run/policy-mode";
