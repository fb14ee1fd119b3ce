import type { FieldValue } from "../engine/rule-contract";
import type { AttributeReader } from "./terraform-contacts";

/** One instance of a resource block: its instance key and a reader of its attribute values. */
export interface ConfigInstance {
  key?: string | number;
  read: AttributeReader;
}

/**
 * Expands a resource block of Terraform JSON configuration into its instances, evaluating only what
 * is knowable before plan: a literal `for_each` map or list (or a reference to a local whose literal
 * value is given), a literal `count`, and `each.key`, `each.value[.attr]` and `count.index` references.
 * Any other `${...}` is left as an expression (unknown), never guessed. Returns a reason instead when
 * the instances themselves are unknown.
 */
export function expandInstances(
  block: Record<string, unknown>,
  locals: Readonly<Record<string, unknown>> = {},
): ConfigInstance[] | { unknownInstances: string } {
  const forEach = literalLocal(block.for_each, locals);
  const count = block.count;
  const reader = compiledReader(block);
  if (forEach !== undefined && forEach !== null) {
    if (typeof forEach === "string") return { unknownInstances: `for_each = ${forEach}` };
    const entries: [string, unknown][] = Array.isArray(forEach) ? forEach.map((v) => [String(v), v]) : Object.entries(forEach as object);
    return entries.map(([key, value]) => ({ key, read: reader({ "each.key": key, each: value }) }));
  }
  if (count !== undefined && count !== null) {
    if (typeof count !== "number") return { unknownInstances: `count = ${String(count)}` };
    return Array.from({ length: count }, (_, index) => ({ key: index, read: reader({ "count.index": index }) }));
  }
  return [{ read: reader({}) }];
}

/** `"${local.name}"` with a known literal value: that value; anything else unchanged. */
function literalLocal(value: unknown, locals: Readonly<Record<string, unknown>>): unknown {
  if (typeof value !== "string") return value;
  const match = /^\$\{\s*local\.([A-Za-z_][\w-]*)\s*\}$/.exec(value);
  return match && Object.prototype.hasOwnProperty.call(locals, match[1]) ? locals[match[1]] : value;
}

const EACH_VALUE = "${each.value.";
const REFERENCE = /\$\{\s*([^}]*?)\s*\}/g;

type Scope = { "each.key"?: string; each?: unknown; "count.index"?: number };

/**
 * Reads of one block, each attribute compiled once for all its instances: a for_each over ten thousand
 * accounts reads the same few templates forty thousand times.
 */
function compiledReader(block: Record<string, unknown>) {
  const compiled = new Map<string, (scope: Scope) => FieldValue | undefined>();
  return (scope: Scope): AttributeReader =>
    (path) => {
      const key = path.join("\u001f");
      let evaluate = compiled.get(key);
      if (!evaluate) {
        evaluate = compile(valueAt(block, path));
        compiled.set(key, evaluate);
      }
      return evaluate(scope);
    };
}

function valueAt(block: Record<string, unknown>, path: readonly (string | number)[]): unknown {
  let value: unknown = block;
  for (const part of path) {
    if (value === null || value === undefined) return undefined;
    if (typeof part === "number") value = Array.isArray(value) ? value[part] : undefined;
    else value = Array.isArray(value) ? undefined : (value as Record<string, unknown>)[part];
  }
  return value;
}

function compile(value: unknown): (scope: Scope) => FieldValue | undefined {
  if (value === undefined || value === null) return () => undefined;
  if (typeof value !== "string") {
    const constant: FieldValue = { known: true, value: String(value) };
    return () => constant;
  }
  if (!value.includes("${") && !value.includes("%{")) {
    const constant: FieldValue = { known: true, value };
    return () => constant;
  }
  const field = value.startsWith(EACH_VALUE) && value.endsWith("}") ? value.slice(EACH_VALUE.length, -1) : undefined;
  if (field !== undefined && /^[A-Za-z_][\w-]*$/.test(field)) {
    // The contacts stack's own form: one property read per instance.
    return (scope) => {
      const each = scope.each;
      if (each === null || typeof each !== "object") return evaluateTemplate(value, scope);
      const v = (each as Record<string, unknown>)[field];
      if (v === null || v === undefined) return undefined;
      return typeof v === "object" ? evaluateTemplate(value, scope) : { known: true, value: String(v) };
    };
  }
  return (scope) => evaluateTemplate(value, scope);
}

/** Substitutes the references knowable before plan; anything else keeps the value unknown. */
export function evaluateTemplate(template: string, scope: Scope): FieldValue | undefined {
  if (!template.includes("${") && !template.includes("%{")) return { known: true, value: template };
  if (template.includes("%{")) return { known: false, expression: template };
  let unknown = false;
  let sawNull = false;
  const whole = /^\$\{[^}]*\}$/.test(template);
  const text = template.replace(REFERENCE, (match, expression: string) => {
    const value = lookup(expression, scope);
    if (value === UNKNOWN) {
      unknown = true;
      return match;
    }
    if (value === null || value === undefined) {
      sawNull = true;
      return "";
    }
    return String(value);
  });
  if (unknown) return { known: false, expression: template };
  // `"${each.value.x}"` with x = null: Terraform sends no value at all, as if the attribute were unset.
  if (sawNull && whole) return undefined;
  return { known: true, value: text };
}

const UNKNOWN = Symbol("unknown");

function lookup(expression: string, scope: Scope): unknown {
  if (expression === "each.key" && scope["each.key"] !== undefined) return scope["each.key"];
  if (expression === "count.index" && scope["count.index"] !== undefined) return scope["count.index"];
  const match = /^each\.value((?:\.[A-Za-z_][\w-]*|\["[^"]*"\])*)$/.exec(expression);
  if (!match || !("each" in scope)) return UNKNOWN;
  let value: unknown = scope.each;
  for (const [, dotted, quoted] of match[1].matchAll(/\.([A-Za-z_][\w-]*)|\["([^"]*)"\]/g)) {
    if (value === null || typeof value !== "object") return UNKNOWN;
    value = (value as Record<string, unknown>)[dotted ?? quoted];
  }
  if (value !== null && typeof value === "object") return UNKNOWN;
  return value;
}
