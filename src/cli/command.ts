/** What a command needs from the outside world; tests and the binary pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * One option, declared once: parseFlags reads it from the command line and the help describes it.
 * `--help` is every command's, added by both.
 */
export interface CliOption {
  /** The value's placeholder, e.g. "<file>"; an option without one is a switch (true when given). */
  value?: string;
  /** One sentence or two, without the default (the help appends it). */
  description: string;
  /** The only values it takes, checked by parseFlags; the first is the example in the error's fix. */
  choices?: readonly string[];
  /** Its value when not given: applied by parseFlags, shown by the help. */
  default?: string;
  /** When the default is decided elsewhere (the run context), what the help says about it. */
  defaultFrom?: string;
  /** The command does not run without it; the example goes in the error's fix. */
  required?: { example: string };
  short?: string;
}

export type OptionTable = Readonly<Record<string, CliOption>>;

/** A positional argument, for the usage line and the help. */
export interface CliArgument {
  /** As the usage line shows it, e.g. "<plan.json>". */
  name: string;
  description: string;
}

/** One `contacts <name>` command: its option table, the prose of its help, and what it does. */
export interface CliCommand {
  name: string;
  /** Positional arguments; none means parseFlags refuses any. */
  arguments?: readonly CliArgument[];
  options: OptionTable;
  /** The help's paragraphs between the usage line and the arguments and options. */
  about: string;
  /** The help's paragraphs after the options: environment, exit status. */
  notes: string;
  /** Resolves to the exit status. */
  run(args: string[], io: CliIo): Promise<number>;
}
