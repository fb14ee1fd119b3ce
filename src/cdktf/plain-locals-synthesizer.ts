import { randomUUID } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { IStackSynthesizer, ISynthesisSession, TerraformStack } from "./cdktf";
import { writeSortedJson } from "./sorted-json-writer";

/** What a stack shows the core while it writes: its locals, or the placeholders standing in for them. */
export interface PlainLocalsHolder extends TerraformStack {
  /** The large plain-data locals (for_each maps), by name. */
  readonly plainLocals: Readonly<Record<string, unknown>>;
  /** Set while the core writes the stack: toTerraform() then gives these strings in place of plainLocals. */
  localsStandIns?: Readonly<Record<string, string>>;
}

/**
 * A stack's synthesizer that lets the core write everything but the stack's large plain-data locals, then
 * writes those itself, in the same format, into the same cdk.tf.json. The core's sorted writer holds the
 * whole configuration as a string built from many smaller ones: at ten thousand accounts that was 60 MB
 * of garbage and a third of synthesis. Written here (writeSortedJson), a map goes to the file a few hundred
 * accounts at a time.
 * HCL output (`SYNTH_HCL_OUTPUT`) is left to the core.
 */
export class PlainLocalsSynthesizer implements IStackSynthesizer {
  constructor(
    private readonly stack: PlainLocalsHolder,
    private readonly core: IStackSynthesizer,
  ) {}

  synthesize(session: ISynthesisSession): void {
    const names = Object.keys(this.stack.plainLocals);
    if (session.manifest.hclOutput || names.length === 0) return this.core.synthesize(session);
    // Unguessable, so no value of the configuration can be mistaken for one.
    const nonce = randomUUID();
    const standIns = Object.fromEntries(names.map((name) => [name, `plain-local-${nonce}-${name}`]));
    this.stack.localsStandIns = standIns;
    try {
      this.core.synthesize(session);
    } finally {
      this.stack.localsStandIns = undefined;
    }
    replaceStandIns(path.join(session.outdir, session.manifest.forStack(this.stack).synthesizedStackPath), standIns, this.stack.plainLocals);
  }
}

/** Rewrites the core's file with each stand-in string replaced by its local's value, written whole or not at all. */
function replaceStandIns(file: string, standIns: Readonly<Record<string, string>>, locals: Readonly<Record<string, unknown>>) {
  const text = fs.readFileSync(file, "utf8");
  const found = Object.entries(standIns)
    .map(([name, standIn]) => {
      const quoted = JSON.stringify(standIn);
      const at = text.indexOf(quoted);
      if (at < 0) throw new Error(`${file}: the core wrote no "${name}" local; it cannot be filled in`);
      return { name, at, end: at + quoted.length };
    })
    .sort((a, b) => a.at - b.at);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(temporary, "w");
    try {
      const write = (piece: string) => fs.writeFileSync(fd, piece);
      let from = 0;
      for (const { name, at, end } of found) {
        write(text.slice(from, at));
        writeSortedJson(locals[name], levelAt(text, at), write);
        from = end;
      }
      write(text.slice(from));
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** The nesting depth of the value at `offset`, read from its line's indentation (two spaces a level). */
function levelAt(text: string, offset: number): number {
  const lineStart = text.lastIndexOf("\n", offset) + 1;
  let spaces = 0;
  while (text[lineStart + spaces] === " ") spaces++;
  return spaces / 2;
}
