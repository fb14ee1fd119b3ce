import { inertText } from "../reports/inert-text";
import { Annotations, Aspects, DefaultTokenResolver, StringConcat, TerraformStack, Tokenization, type IAspect, type IConstruct } from "./cdktf";
import type { ContactValue } from "../engine/rule-contract";
import type { Finding, PolicyEvaluation } from "../engine/evaluate";
import { judgeRegistryAccounts } from "../engine/judge-registry";
import { sameFields, type RegistryContacts } from "../engine/registry-contacts";
import { managementAccountId } from "../model/management-account";
import type { OrganizationAccount } from "../model/organization";
import type { PolicyMode } from "../run/policy-mode";
import { judgeVerdict, type Verdict } from "../run/verdict";
import type { Registry } from "../model/types";
import { causeFailsIn, groupByRootCause, type RootCause } from "../engine/root-causes";
import { formatRootCause } from "../reports/format-finding";
import { ROOT_CAUSES_SHOWN } from "../reports/policy-text";
import { expandInstances } from "../terraform/terraform-config";
import { CONTACT_RESOURCE_TYPES, contactOwner, readContactAttributes } from "../terraform/terraform-contacts";
import { ContactsStack } from "./contacts-stack";

interface ContactResource extends IConstruct {
  terraformResourceType: string;
  friendlyUniqueId: string;
  toTerraform(): Record<string, unknown>;
}

function isContactResource(node: IConstruct): node is ContactResource {
  const candidate = node as Partial<ContactResource>;
  return (
    typeof candidate.terraformResourceType === "string" &&
    CONTACT_RESOURCE_TYPES.includes(candidate.terraformResourceType) &&
    typeof candidate.toTerraform === "function"
  );
}

/** Errors before warnings before waived ones, when not every annotation is made. */
const LEVEL_ORDER: Record<RootCause["level"], number> = { error: 0, warning: 1, excepted: 2 };

/** cdktf's own resolver, through its public API: what the aspect reads is exactly what lands in cdk.tf.json. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** The contacts found in the stacks, each with the construct that carries it (for its annotations). */
class ObservedContacts {
  readonly byAccount = new Map<string, ContactValue[]>();
  readonly carrier = new Map<ContactValue, IConstruct>();
  readonly stackOf = new Map<string, TerraformStack>();

  /** Records a contact; a registry contact seen a second time (a duplicate resource) is recorded as a copy, so each keeps its own construct. */
  add(found: ContactValue, resource: IConstruct, stack: TerraformStack) {
    const contact = this.carrier.has(found) ? { ...found } : found;
    const list = this.byAccount.get(contact.accountId);
    if (list) list.push(contact);
    else this.byAccount.set(contact.accountId, [contact]);
    this.carrier.set(contact, resource);
    if (!this.stackOf.has(contact.accountId)) this.stackOf.set(contact.accountId, stack);
  }
}

export interface ContactPolicyAspectOptions {
  evaluation: PolicyEvaluation;
  registry: Registry;
  /** The registry's contacts, to tell a registry contact from one changed or written by hand. */
  expected: RegistryContacts;
  /** The run's mode, decided once (the run context's policyModeFor, or addContactPolicy's). */
  mode: PolicyMode;
  organization?: readonly OrganizationAccount[];
  /** Judge the registry's exceptions too, once the app is judged: for an app whose synthesis nothing else finishes (addContactPolicy). */
  judgesExceptions?: boolean;
  /** The report that lists every root cause, named past the causes annotated; none for an app that writes no report (addContactPolicy). */
  reportFile?: string;
}

/**
 * The cdktf side of the policy. Reads every contact resource of the stacks it is added to as Terraform
 * will receive it (overrides applied, tokens resolved, for_each expanded), matched by resource type so
 * hand-written resources are read too. Where a resolved contact has exactly the registry's values it is
 * the registry's contact, judged as review judges it, at the card's lines; anything else (an
 * `addOverride`, a hand-written resource, a token) is judged on what it holds, at its Terraform address.
 * The whole app is judged at once, on the first stack visited: account rules then see every contact of
 * an account, and synthesis can be decided before anything is written.
 */
export class ContactPolicyAspect implements IAspect {
  private judged = false;
  private readonly validated = new Set<TerraformStack>();
  /** Whose contact a resource without account_id is. */
  private readonly managementId: string;
  /**
   * Whether root causes become annotations. The synth app turns this off and prints them itself: the cdktf
   * CLI prints annotations after the app's own text (below its warn-mode banner and summary) and once per
   * stack that carries a shared root cause.
   */
  annotates = true;

  private readonly evaluation: PolicyEvaluation;
  private readonly registry: Registry;
  private readonly expected: RegistryContacts;
  private readonly mode: PolicyMode;
  private readonly organization?: readonly OrganizationAccount[];
  private readonly judgesExceptions: boolean;
  private readonly reportFile?: string;
  private judgedVerdict?: Verdict;

  constructor(options: ContactPolicyAspectOptions) {
    this.evaluation = options.evaluation;
    this.registry = options.registry;
    this.expected = options.expected;
    this.mode = options.mode;
    this.organization = options.organization;
    this.judgesExceptions = options.judgesExceptions ?? false;
    this.reportFile = options.reportFile;
    this.managementId = managementAccountId(options.registry.accounts);
  }

  /**
   * The verdict on the whole app, made once when first read: after the app was judged and its evaluation
   * finished (synthesizeWithPolicy reads it then, and the stacks' validation reads the same one).
   */
  get verdict(): Verdict {
    // Read before the app is judged, an empty evaluation would pass, and kept, it would let a failing app write.
    if (!this.judged)
      throw new Error(
        "ContactPolicyAspect: the app has not been judged yet, so there is no verdict. Fix: read the verdict after app.synth(), or call aspect.judgeApp(app) first.",
      );
    this.judgedVerdict ??= judgeVerdict(this.evaluation, this.mode);
    return this.judgedVerdict;
  }

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    this.judgeApp(node.node.root);
    this.failSynthesisOf(node);
  }

  /**
   * A failing policy stops the stack's synthesis before cdktf writes its configuration: cdktf runs a stack's
   * validations after its aspects and before writing, even under the cdktf CLI, which tells cdktf to write
   * despite error annotations (CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS) and report them afterwards. An
   * annotation alone would leave the violating contact in cdk.tf.json, where `terraform apply` finds it.
   */
  private failSynthesisOf(stack: TerraformStack): void {
    if (this.validated.has(stack)) return;
    this.validated.add(stack);
    stack.node.addValidation({
      validate: () => {
        const { failed, failing: errors } = this.verdict;
        if (!failed) return [];
        // cdktf prints the validation's message to the CI log as it is, as it does the annotations.
        const shown = errors.slice(0, ROOT_CAUSES_SHOWN).map((cause) => inertText(formatRootCause(cause)));
        const more = errors.length - shown.length;
        return [
          `the contact policy failed; nothing is written until these are fixed or excepted:\n${[...shown, ...(more > 0 ? [`... and ${more} more`] : [])].join("\n")}`,
        ];
      },
    });
  }

  /** Judges every stack under `root` that carries this aspect, once; later calls do nothing. */
  judgeApp(root: IConstruct): void {
    if (this.judged) return;
    this.judged = true;
    const stacks = root.node.findAll().filter((node): node is TerraformStack => TerraformStack.isStack(node) && this.carriedBy(node));
    const observed = new ObservedContacts();
    // Findings about an account go on the stack built for it; with no stack at all, on the app.
    const home = new Map<string, IConstruct>();
    for (const stack of stacks) if (stack instanceof ContactsStack) for (const { account } of stack.accounts) home.set(account.id, stack);
    const fallback: IConstruct = stacks[0] ?? root;
    const listed = new Map(this.registry.accounts.map((account) => [account.id, account]));
    for (const stack of stacks) this.observe(stack, observed, (id) => listed.get(id)?.name);
    const carried = new Map<IConstruct, Finding[]>();
    const carry = (construct: IConstruct, findings: Finding[]) => {
      const list = carried.get(construct);
      if (list) list.push(...findings);
      else carried.set(construct, [...findings]);
    };
    // Contacts of accounts the registry does not list: judged alone, with no account to judge them in.
    for (const [accountId, contacts] of observed.byAccount) {
      if (listed.has(accountId)) continue;
      for (const contact of contacts) carry(observed.carrier.get(contact)!, this.evaluation.judgeContact(contact));
    }
    judgeRegistryAccounts(this.evaluation, this.registry, {
      contactsOf: (account) => observed.byAccount.get(account.id) ?? [],
      organization: this.organization,
      sink: {
        contact: (contact, findings) => carry(observed.carrier.get(contact)!, findings),
        account: (account, findings) => carry(home.get(account.id) ?? observed.stackOf.get(account.id) ?? fallback, findings),
        organization: (findings) => carry(fallback, findings),
      },
    });
    if (this.judgesExceptions) carry(fallback, this.evaluation.finish());
    // One annotation per root cause on each construct that carries it: one bad card shared by thousands of
    // accounts is one line in the CLI's output, not thousands, and a hand-written resource keeps its own.
    // The CLI prints every annotation, so past ROOT_CAUSES_SHOWN (errors first) one more says where the rest are.
    if (!this.annotates) return;
    const annotations = [...carried].flatMap(([construct, findings]) => groupByRootCause(findings).map((cause) => ({ construct, cause })));
    annotations.sort((a, b) => LEVEL_ORDER[a.cause.level] - LEVEL_ORDER[b.cause.level]);
    for (const { construct, cause } of annotations.slice(0, ROOT_CAUSES_SHOWN)) this.annotate(construct, cause);
    const more = annotations.length - ROOT_CAUSES_SHOWN;
    if (more > 0)
      Annotations.of(fallback).addInfo(
        inertText(`... and ${more} more root causes of the contact policy${this.reportFile ? `, all of them in ${this.reportFile}` : ""}`),
      );
  }

  private carriedBy(stack: TerraformStack): boolean {
    return stack.node.scopes.some((scope) => Aspects.of(scope).all.includes(this));
  }

  private observe(stack: TerraformStack, observed: ObservedContacts, accountName: (accountId: string) => string | undefined) {
    // The contacts stack keeps its for_each maps as plain locals (see ContactsStack.toTerraform).
    const locals = stack instanceof ContactsStack ? stack.plainLocals : {};
    for (const resource of stack.node.findAll().filter(isContactResource)) {
      const resolved = Tokenization.resolve(resource.toTerraform(), { scope: stack, preparing: false, resolver: RESOLVER }) as {
        resource?: Record<string, Record<string, Record<string, unknown>>>;
      };
      const block = resolved.resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId] ?? {};
      const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
      const instances = expandInstances(block, locals);
      if (!Array.isArray(instances)) {
        for (const cause of groupByRootCause(this.evaluation.judgeUnknownInstances(`${address} (${resource.node.path})`, instances.unknownInstances)))
          this.annotate(resource, cause);
        continue;
      }
      for (const { key, read } of instances) {
        const { accountId, type, fields } = contactOwner(readContactAttributes(resource.terraformResourceType, read), this.managementId);
        const registryContact = this.expected.get(accountId, type);
        if (registryContact && sameFields(registryContact.fields, fields)) {
          observed.add(registryContact, resource, stack);
          continue;
        }
        const instance = `${key === undefined ? address : `${address}[${JSON.stringify(key)}]`} (${resource.node.path})`;
        observed.add(
          {
            accountId,
            accountName: accountName(accountId),
            type,
            fields,
            location: { fields: unchangedPositions(registryContact, fields), resource: instance },
          },
          resource,
          stack,
        );
      }
    }
  }

  /** A root cause as a cdktf annotation: an error fails synthesis in enforce mode, an excepted one is informational. */
  private annotate(construct: IConstruct, cause: RootCause) {
    if (!this.annotates) return;
    // The cdktf CLI prints annotations to the CI log as they are: the names and values in them made inert first.
    const line = inertText(formatRootCause(cause));
    if (cause.level === "excepted") Annotations.of(construct).addInfo(line);
    // Annotations are made while the app is judged, before its verdict exists: the cause is joined with the mode here.
    else if (causeFailsIn(cause, this.mode)) Annotations.of(construct).addError(line);
    else Annotations.of(construct).addWarning(line);
  }
}

/** Registry positions of the fields a changed contact still shares with the registry's. */
function unchangedPositions(registryContact: ContactValue | undefined, fields: ContactValue["fields"]): ContactValue["location"]["fields"] {
  if (!registryContact) return {};
  const positions: NonNullable<ContactValue["location"]["fields"]> = {};
  for (const field in fields) {
    const value = fields[field];
    const own = registryContact.fields[field];
    if (value?.known && own?.known && value.value === own.value && registryContact.location.fields?.[field])
      positions[field] = registryContact.location.fields[field];
  }
  return positions;
}
