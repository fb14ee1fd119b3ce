import { parseArgs, type ParseArgsConfig } from "util";
import { UsageError } from "../run/usage-error";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Node's own strict parser, with its errors turned into one usage line that names the command's help:
 * a wrong flag is a user's mistake, never a stack trace. `--help` is always accepted.
 */
export function parseFlags<O extends Options>(command: string, args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(`contacts ${command}: ${(error as Error).message.replace(/\. To specify a positional.*$/s, "")}. Fix: see \`contacts ${command} --help\`.`);
  }
}

/** A flag whose value must be one of a fixed set, e.g. --format. */
export function oneOf<T extends string>(command: string, flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`contacts ${command}: --${flag} ${value} is not one of ${allowed.join(", ")}. Fix: e.g. --${flag} ${allowed[0]}.`);
}
