import { Annotations, TerraformStack, type IAspect } from "cdktf";
// The resolver cdktf itself uses at synth: what the aspect reads is exactly what lands in cdk.tf.json.
import { resolve } from "cdktf/lib/_tokens";
import type { IConstruct } from "constructs";
import { performance } from "perf_hooks";
import type { PolicyEvaluation, Finding } from "../engine/evaluate";
import { formatFinding } from "../reports/format-finding";
import type { ContactValue, FieldValue } from "../../policies/rule";
import { expandInstances } from "../terraform/terraform-config";
import { CONTACT_RESOURCE_TYPES, contactOwner, readContactAttributes } from "../terraform/terraform-contacts";
import type { EffectiveContacts } from "../registry/effective-contacts";
import type { Account, Registry, SourcePosition } from "../model/types";

interface ContactResource extends IConstruct {
  terraformResourceType: string;
  friendlyUniqueId: string;
  toTerraform(): Record<string, unknown>;
}

function isContactResource(node: IConstruct): node is ContactResource {
  const candidate = node as Partial<ContactResource>;
  return typeof candidate.terraformResourceType === "string" && CONTACT_RESOURCE_TYPES.includes(candidate.terraformResourceType) && typeof candidate.toTerraform === "function";
}

/**
 * The cdktf side of the policy: reads every contact resource of a stack as Terraform will receive it
 * (overrides applied, tokens resolved, for_each expanded), hands each contact to the rules, and turns
 * findings into annotations. Matched by resource type, so hand-written resources and a second copy of
 * the provider package are judged too. Judges the whole stack when visiting the stack itself, so that
 * account-level rules (missing-contact) see every contact of the account.
 */
export class ContactPolicyAspect implements IAspect {
  private readonly accounts: Map<string, Account>;
  private readonly effective: Map<string, EffectiveContacts>;
  /** Whose contact a resource without account_id is. */
  private readonly managementId: string;
  /** Time spent judging, for the benchmark's "share of synthesis spent in the policy". */
  elapsedMs = 0;

  constructor(
    private readonly evaluation: PolicyEvaluation,
    private readonly registry: Registry,
    effective: readonly EffectiveContacts[],
    private readonly mode: "enforce" | "warn",
  ) {
    this.accounts = new Map(registry.accounts.map((a) => [a.id, a]));
    this.effective = new Map(effective.map((e) => [e.account.id, e]));
    this.managementId = registry.accounts.find((a) => a.management)?.id ?? "management";
  }

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const started = performance.now();
    this.judgeStack(node as TerraformStack);
    this.elapsedMs += performance.now() - started;
  }

  private judgeStack(stack: TerraformStack) {
    const byAccount = new Map<string, ContactValue[]>();
    for (const resource of stack.node.findAll().filter(isContactResource)) {
      for (const contact of this.contactsOf(stack, resource)) {
        this.annotate(resource, this.evaluation.judgeContact(contact));
        const list = byAccount.get(contact.accountId) ?? [];
        list.push(contact);
        byAccount.set(contact.accountId, list);
      }
    }
    // Every registry account this stack was built for, even one with no contact resource at all.
    const own = (stack as { accounts?: readonly EffectiveContacts[] }).accounts ?? [];
    for (const { account } of own) {
      const findings = this.evaluation.judgeAccount({
        accountId: account.id,
        accountName: account.name,
        contacts: byAccount.get(account.id) ?? [],
        expectsPrimary: this.registry.defaults.primary !== undefined,
        position: account.position,
      });
      this.annotate(stack, findings);
    }
  }

  private contactsOf(stack: TerraformStack, resource: ContactResource): ContactValue[] {
    const resolved = resolve(stack, resource.toTerraform()) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
    const block = resolved.resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId] ?? {};
    const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    // The contacts stack keeps its for_each maps as plain locals (see ContactsStack.toTerraform).
    const locals = (stack as { knownLocals?: Readonly<Record<string, unknown>> }).knownLocals;
    const instances = expandInstances(block, locals);
    if (!Array.isArray(instances)) {
      this.annotate(resource, this.evaluation.judgeUnknownInstances(`${address} (${resource.node.path})`, instances.unknownInstances));
      return [];
    }
    const locate = this.locate.bind(this);
    return instances.map(({ key, read }) => {
      const { accountId, type, fields } = contactOwner(readContactAttributes(resource.terraformResourceType, read), this.managementId);
      let location: ContactValue["location"] | undefined;
      return {
        accountId,
        accountName: this.accounts.get(accountId)?.name,
        type,
        fields,
        // Only findings read the location: working it out for all forty thousand passing contacts was wasted.
        get location() {
          const instanceAddress = key === undefined ? address : `${address}[${JSON.stringify(key)}]`;
          return (location ??= locate(accountId, type, fields, `${instanceAddress} (${resource.node.path})`));
        },
      };
    });
  }

  /** Registry positions for values that are the registry's own; the resource's address for anything else. */
  private locate(accountId: string, type: string, fields: Record<string, FieldValue | undefined>, resource: string): ContactValue["location"] {
    const effective = this.effective.get(accountId);
    const chosen = effective?.[type.toLowerCase() as "billing" | "primary"];
    if (!chosen) return { resource };
    const card = chosen.card as unknown as Record<string, unknown> & { position: SourcePosition; fieldPositions: Record<string, SourcePosition> };
    const positions: Record<string, SourcePosition> = {};
    let allFromRegistry = true;
    for (const [field, value] of Object.entries(fields)) {
      if (value?.known && card[field] === value.value) positions[field] = card.fieldPositions[field];
      else if (value !== undefined || card[field] !== undefined) allFromRegistry = false;
    }
    return allFromRegistry ? { fields: positions, registry: card.position } : { fields: positions, resource };
  }

  /** Findings as cdktf annotations: errors fail synthesis in enforce mode, excepted ones are informational. */
  annotate(construct: IConstruct, findings: Finding[]) {
    for (const finding of findings) {
      const line = formatFinding(finding);
      if (finding.excepted) Annotations.of(construct).addInfo(line);
      else if (finding.severity === "error" && this.mode === "enforce") Annotations.of(construct).addError(line);
      else Annotations.of(construct).addWarning(line);
    }
  }
}
