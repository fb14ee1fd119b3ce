/**
 * Judges contact values against the contact-field table. Shared by the registry loader (registry values)
 * and the `invalid-field` rule (hand-written resources and overrides), so both word a problem alike.
 */
import { describeCharacter, invisibleCharacterIn, latinLookAlike, nonAsciiCharacterIn, type CharacterAt } from "./characters";
import type { ContactField } from "./contact-fields";

export interface FieldProblem {
  field: string;
  message: string;
  fix: string;
  /** The value holds `${` or `%{`: Terraform would evaluate it, so no policy mode may let it through. */
  expression?: boolean;
}

/**
 * Terraform evaluates `${...}` and `%{...}` in every string of a configuration it reads, JSON included,
 * and cdktf writes registry values through unchanged: such a value would run Terraform functions
 * (file(), templatefile(), ...) on the machine that plans. Returns the sequence found, if any.
 */
export function templateSequenceIn(value: string): string | undefined {
  return TEMPLATE_SEQUENCE.exec(value)?.[0];
}

const TEMPLATE_SEQUENCE = /[$%]\{/;
const LEADING_SPACE = /^\s/;
const TRAILING_SPACE = /\s$/;

/**
 * White space at either end of a value: Terraform sends it to AWS as it is, where it is invisible in the
 * console and makes an address differ from the one registered. Says which end, if any.
 */
export function edgeWhitespaceIn(value: string): "starts" | "ends" | "starts and ends" | undefined {
  const leading = LEADING_SPACE.test(value);
  const trailing = TRAILING_SPACE.test(value);
  if (leading && trailing) return "starts and ends";
  return leading ? "starts" : trailing ? "ends" : undefined;
}

/** Every field of `values` AWS would reject, by the table `fields`: each field on its own, then the checks across fields. */
export function checkFields(fields: readonly ContactField[], values: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const limit of fields) {
    const value = values[limit.field];
    if (value === undefined || value === null) {
      if (limit.required)
        problems.push({ field: limit.field, message: `${limit.field} is missing (AWS requires ${limit.apiName})`, fix: `set ${limit.field}` });
      continue;
    }
    if (typeof value !== "string") {
      problems.push({ field: limit.field, message: `${limit.field} must be a string`, fix: `quote the value of ${limit.field}` });
      continue;
    }
    const sequence = templateSequenceIn(value);
    if (sequence) {
      problems.push({
        field: limit.field,
        message: `${limit.field} contains "${sequence}", which Terraform would evaluate as an expression`,
        fix: `remove "${sequence}" from the value: contact values are literal text`,
        expression: true,
      });
      continue;
    }
    const refused = limit.characters === "ascii" ? nonAsciiCharacterIn(value) : limit.characters === "visible" ? invisibleCharacterIn(value) : undefined;
    if (refused && limit.characters) {
      problems.push({ field: limit.field, ...characterProblem(limit.field, limit.characters, refused) });
      continue;
    }
    const length = [...value].length;
    if (length < limit.min || length > limit.max) {
      const range = limit.min === limit.max ? `exactly ${limit.min}` : `${limit.min} to ${limit.max}`;
      problems.push({
        field: limit.field,
        message: `${limit.field} is ${length} characters long; AWS accepts ${range} for ${limit.apiName}`,
        fix: length > limit.max ? `shorten ${limit.field} to at most ${limit.max} characters` : `set a non-empty ${limit.field}`,
      });
      continue;
    }
    if (limit.pattern && !limit.pattern.test(value)) {
      problems.push({
        field: limit.field,
        message: `${limit.field} "${value}" is not accepted by AWS for ${limit.apiName}`,
        fix: `use ${limit.patternHint}`,
      });
    }
  }
  for (const { field, requiredWhen } of fields) {
    if (!requiredWhen || (values[field] !== undefined && values[field] !== null)) continue;
    const other = values[requiredWhen.field];
    if (typeof other !== "string" || !requiredWhen.oneOf.includes(other)) continue;
    problems.push({
      field,
      message: `${field} is missing; AWS requires it ${requiredWhen.reason} ${other}`,
      fix: `set ${field} (for ${requiredWhen.oneOf.join(", ")} it is required)`,
    });
  }
  return problems;
}

/**
 * A character refused in a field, named with its 1-based position: an address AWS's EmailAddress pattern
 * refuses (it is ASCII-only, so a look-alike Cyrillic letter is another address), or an invisible one.
 */
export function characterProblem(field: string, kind: "ascii" | "visible", { character, position }: CharacterAt): { message: string; fix: string } {
  const named = `${describeCharacter(character)} at ${position}`;
  if (kind === "visible") {
    return {
      message: `${field} has ${named}, which is invisible or reorders the text around it, so reviewers would not see what AWS stores`,
      fix: `delete the character at ${position} (retyping the value removes it)`,
    };
  }
  const latin = latinLookAlike(character);
  return {
    message: `${field} has ${named}: AWS accepts only ASCII in an email address, and mail to it would not reach the address it looks like`,
    fix: latin
      ? `type a Latin "${latin}" at ${position}: retype the address in plain ASCII`
      : `retype the address in plain ASCII, without the character at ${position}`,
  };
}
