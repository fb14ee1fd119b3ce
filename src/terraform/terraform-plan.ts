import { isJsonObject } from "../model/json-object";
import type { FieldValue } from "../engine/rule-contract";
import { CONTACT_RESOURCE_TYPES, type AttributeReader } from "./terraform-contacts";
import { readConfiguration, type PlanConfiguration } from "./plan-configuration";

/** The major version of `terraform show -json` this reads: 1.x from Terraform 1.1 on (1.11 writes "1.2"). */
export const PLAN_FORMAT_MAJOR = 1;

/** The plan document cannot be read; the message names the file, what was found and how to fix it. */
export class PlanFormatError extends Error {}

export interface PlanContactChange {
  /** The instance's full address: `module.contacts["222222222222"].aws_account_alternate_contact.this["SECURITY"]`. */
  address: string;
  resourceType: string;
  /** The resource block's name, and the module instance it is in (`module.contacts["222222222222"]`; undefined at the root). */
  name: string;
  moduleAddress?: string;
  actions: string[];
  /** Planned values, for everything the plan keeps; undefined when it deletes or forgets the instance. */
  after?: AttributeReader;
  /** Values before the change, to describe a removed contact. */
  before?: AttributeReader;
  /** Set when the plan removes the instance: destroyed (`delete`), or dropped from state and left in AWS (`forget`). */
  removal?: "delete" | "forget";
}

export interface TerraformPlan {
  formatVersion: string;
  terraformVersion?: string;
  /** Every instance of aws_account_alternate_contact and aws_account_primary_contact, in the plan's order. */
  contactChanges: PlanContactChange[];
  /**
   * Every other managed instance, by address: where an account_id known only at apply comes from
   * (`aws_organizations_account.this["sandbox"]`), and the accounts the plan removes from the organization.
   */
  resources: ReadonlyMap<string, PlanResource>;
  configuration: PlanConfiguration;
}

export interface PlanResource {
  type: string;
  actions: string[];
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

const FIX = "Fix: pass what `terraform show -json plan.out > plan.json` writes (Terraform 1.1 or later)";
const UNKNOWN: FieldValue = { known: false, expression: "(known after apply)" };

/**
 * Reads Terraform's JSON plan format: checks what this relies on (format_version 1.x, resource_changes
 * and their change actions) and ignores the rest, as the format asks of readers of minor versions.
 */
export function parsePlan(file: string, text: string): TerraformPlan {
  if (text.startsWith("PK"))
    throw new PlanFormatError(`${file} is a binary plan file, not JSON. Fix: convert it with \`terraform show -json ${file} > plan.json\` and pass plan.json.`);
  if (text.trim() === "") throw new PlanFormatError(`${file} is empty. ${FIX}.`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // One line: the parser quotes the text it choked on, newlines included.
    throw new PlanFormatError(`${file} is not JSON (${(error as Error).message.replace(/\s*\n\s*/g, " ")}). ${FIX}.`);
  }
  if (!isJsonObject(document) || typeof document.format_version !== "string") {
    throw new PlanFormatError(`${file} is not Terraform's JSON plan format: it has no format_version. ${FIX}.`);
  }
  const version = document.format_version;
  const terraformVersion = typeof document.terraform_version === "string" ? document.terraform_version : undefined;
  const major = Number(version.split(".")[0]);
  if (major !== PLAN_FORMAT_MAJOR) {
    const by = terraformVersion ? ` (written by Terraform ${terraformVersion})` : "";
    const fix =
      major > PLAN_FORMAT_MAJOR
        ? `Fix: write the plan with a Terraform whose \`terraform show -json\` still writes format ${PLAN_FORMAT_MAJOR}.x, or use a contacts version that reads "${version}"`
        : FIX;
    throw new PlanFormatError(`${file} has JSON plan format version "${version}"${by}; contacts check-plan reads format ${PLAN_FORMAT_MAJOR}.x only. ${fix}.`);
  }
  if (!("planned_values" in document)) {
    const what = "values" in document ? "Terraform's JSON state (`terraform show -json` without a plan file)" : "a JSON document without planned_values";
    throw new PlanFormatError(`${file} is ${what}, not a plan. Fix: run \`terraform plan -out=plan.out\`, then \`terraform show -json plan.out > plan.json\`.`);
  }
  if (document.errored === true) {
    throw new PlanFormatError(
      `${file} is a plan that errored: Terraform could not finish it, so its contacts are incomplete. Fix: correct the errors \`terraform plan\` reports, then plan again.`,
    );
  }
  const changes = document.resource_changes ?? [];
  if (!Array.isArray(changes)) throw notAPlan(file, "resource_changes is not a list");
  const resources = new Map<string, PlanResource>();
  const contactChanges = changes.flatMap((change, i) => readChange(file, change, i, resources));
  return { formatVersion: version, terraformVersion, contactChanges, resources, configuration: readConfiguration(document.configuration) };
}

/** A contact instance's change; any other managed instance goes into `resources`. */
function readChange(file: string, entry: unknown, index: number, resources: Map<string, PlanResource>): PlanContactChange[] {
  const where = `resource_changes[${index}]`;
  if (!isJsonObject(entry) || typeof entry.address !== "string" || typeof entry.type !== "string") throw notAPlan(file, `${where} has no address or type`);
  // A deposed object is the old half of a replacement being cleaned up; the current object has its own entry.
  if (entry.mode === "data" || entry.deposed !== undefined) return [];
  const change = entry.change;
  const actions =
    isJsonObject(change) && Array.isArray(change.actions) && change.actions.every((a) => typeof a === "string") ? (change.actions as string[]) : undefined;
  if (!CONTACT_RESOURCE_TYPES.includes(entry.type)) {
    // Only context for the contacts: an entry this cannot read is left out, not an error.
    if (actions && isJsonObject(change))
      resources.set(entry.address, { type: entry.type, actions, before: objectOrNone(change.before), after: objectOrNone(change.after) });
    return [];
  }
  if (!actions || !isJsonObject(change)) throw notAPlan(file, `${where}.change.actions is not a list of actions`);
  const removal = actions.length === 1 && (actions[0] === "delete" || actions[0] === "forget") ? actions[0] : undefined;
  return [
    {
      address: entry.address,
      resourceType: entry.type,
      name: typeof entry.name === "string" ? entry.name : "",
      moduleAddress: typeof entry.module_address === "string" ? entry.module_address : undefined,
      actions,
      after: removal || !isJsonObject(change.after) ? undefined : plannedReader(change.after, change.after_unknown, change.after_sensitive),
      before: isJsonObject(change.before) ? plannedReader(change.before, false, change.before_sensitive) : undefined,
      removal,
    },
  ];
}

/**
 * Reads an attribute of planned values: unknown where `after_unknown` marks it (or a parent) `true`,
 * sensitive where `after_sensitive` does, nothing for null or "". The AWS provider does not tell "" from unset: it reads back "" for every
 * optional attribute left out (account_id of the calling account, address_line_2, ...) and never
 * sends an empty string; a required one left empty is then reported missing by invalid-field.
 */
function plannedReader(values: Record<string, unknown>, unknownMarks: unknown, sensitiveMarks: unknown): AttributeReader {
  return (path) => {
    if (marked(unknownMarks, path)) return UNKNOWN;
    const value = path.reduce<unknown>(
      (at, part) => (isJsonObject(at) || Array.isArray(at) ? (at as Record<string | number, unknown>)[part] : undefined),
      values,
    );
    if (value === null || value === undefined || value === "") return undefined;
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    // A sensitive value is judged like any other and shown as (sensitive) by every report (src/engine/sensitive-values.ts).
    return marked(sensitiveMarks, path) ? { known: true, value: text, sensitive: true } : { known: true, value: text };
  };
}

/** Whether after_unknown (or after_sensitive) marks the attribute at `path`, or any object or list holding it, `true`. */
function marked(marks: unknown, path: readonly (string | number)[]): boolean {
  let at = marks;
  for (const part of path) {
    if (at === true) return true;
    at = isJsonObject(at) || Array.isArray(at) ? (at as Record<string | number, unknown>)[part] : undefined;
  }
  return at === true;
}

function objectOrNone(value: unknown): Record<string, unknown> | undefined {
  return isJsonObject(value) ? value : undefined;
}

function notAPlan(file: string, problem: string): PlanFormatError {
  return new PlanFormatError(`${file} is not Terraform's JSON plan format: ${problem}. ${FIX}.`);
}
