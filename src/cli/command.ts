/** What a command needs from the outside world; tests and the binary pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** One `contacts <name>` command: its help, and what it does. Resolves to the exit status. */
export interface CliCommand {
  name: string;
  /** One line for `contacts --help`. */
  summary: string;
  /** The full `contacts <name> --help` text. */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}
