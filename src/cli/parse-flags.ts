import { parseArgs } from "util";
import { UsageError } from "../model/usage-error";
import type { CliArgument, CliOption, OptionTable } from "./command";

/** Every command takes it; the help lists it last. */
export const HELP_OPTION = { name: "help", short: "h", description: "this help" } as const;

type OptionValue<O extends CliOption> = O extends { choices: readonly (infer C)[] } ? C : O extends { value: string } ? string : true;
/** The values parseFlags returns: present when the option has a default or is required, else possibly undefined. */
export type FlagValues<T extends OptionTable> = {
  -readonly [K in keyof T]: T[K] extends { default: string } | { required: object } ? OptionValue<T[K]> : OptionValue<T[K]> | undefined;
};

interface CommandLine<T extends OptionTable> {
  name: string;
  options: T;
  arguments?: readonly CliArgument[];
}

/**
 * Reads a command's flags from its option table with Node's own strict parser: choices checked, defaults
 * applied, required options demanded. A wrong flag is one usage line that names the command's help, never
 * a stack trace. `--help` is always accepted.
 */
export function parseFlags<T extends OptionTable>(command: CommandLine<T>, args: string[]): { values: FlagValues<T>; positionals: string[] } {
  const config = Object.fromEntries(
    Object.entries(command.options).map(([name, o]) => [
      name,
      { type: o.value ? ("string" as const) : ("boolean" as const), ...(o.short ? { short: o.short } : {}) },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: { ...config, [HELP_OPTION.name]: { type: "boolean", short: HELP_OPTION.short } },
      allowPositionals: (command.arguments?.length ?? 0) > 0,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      `contacts ${command.name}: ${(error as Error).message.replace(/\. To specify a positional.*$/s, "")}. Fix: see \`contacts ${command.name} --help\`.`,
    );
  }
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(command.options)) {
    const given = parsed.values[name] as string | boolean | undefined;
    if (given === undefined && option.required) {
      throw new UsageError(
        `contacts ${command.name}: --${name} ${option.value} is required. Fix: e.g. \`contacts ${command.name} --${name} ${option.required.example}\`.`,
      );
    }
    values[name] = option.choices
      ? oneOf(given as string | undefined, { command: command.name, flag: name, allowed: option.choices, fallback: option.default })
      : (given ?? option.default);
  }
  return { values: values as FlagValues<T>, positionals: parsed.positionals };
}

/** A flag whose value must be one of a fixed set, e.g. --format. */
function oneOf(
  value: string | undefined,
  { command, flag, allowed, fallback }: { command: string; flag: string; allowed: readonly string[]; fallback: string | undefined },
): string | undefined {
  if (value === undefined) return fallback;
  if (allowed.includes(value)) return value;
  throw new UsageError(`contacts ${command}: --${flag} ${value} is not one of ${allowed.join(", ")}. Fix: e.g. --${flag} ${allowed[0]}.`);
}
