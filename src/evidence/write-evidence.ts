import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { writeAtomically } from "../run/write-atomically";
import { buildEvidence, type EvidenceJudgement, type EvidenceSources } from "./build-evidence";
import { renderEvidenceCsv } from "./csv";
import type { Evidence } from "./evidence";
import { renderEvidenceHtml } from "./html-page";
import { renderEvidenceMarkdown } from "./markdown";
import { provenanceOf } from "./provenance";

export const EVIDENCE_FILES = { html: "contact-evidence.html", csv: "contact-evidence.csv", markdown: "contact-evidence.md" } as const;

export type EvidencePaths = Record<keyof typeof EVIDENCE_FILES, string>;

/** The name under which the time spent on evidence is measured (performance.measure), for the benchmark. */
export const EVIDENCE_MEASURE = "contacts:evidence";

/**
 * The three files in `folder`: all three rendered before any is written, and written all or none (see
 * write-atomically.ts), so a reader never finds a half-written one, nor a page beside an older CSV.
 */
export function writeEvidence(folder: string, evidence: Evidence): EvidencePaths {
  const texts: Record<keyof typeof EVIDENCE_FILES, string> = {
    html: renderEvidenceHtml(evidence),
    csv: renderEvidenceCsv(evidence),
    markdown: renderEvidenceMarkdown(evidence),
  };
  const paths = {} as EvidencePaths;
  const kinds = Object.keys(EVIDENCE_FILES) as (keyof typeof EVIDENCE_FILES)[];
  for (const kind of kinds) paths[kind] = path.join(folder, EVIDENCE_FILES[kind]);
  writeAtomically(kinds.map((kind) => ({ file: paths[kind], text: texts[kind] })));
  return paths;
}

/** Synth's evidence, beside its reports: provenance, model and files, timed as one step. */
export function writeRunEvidence(
  folder: string,
  inputs: EvidenceJudgement & Omit<EvidenceSources, "provenance"> & { registryFile: string; cwd: string; source: string; toolVersion: string },
): EvidencePaths {
  const started = performance.now();
  try {
    const provenance = provenanceOf(inputs);
    return writeEvidence(folder, buildEvidence({ ...inputs, provenance }));
  } finally {
    performance.measure(EVIDENCE_MEASURE, { start: started });
  }
}

/** Removes an earlier run's evidence, so a run that stops early never leaves it looking current. */
export function removeEvidence(folder: string): void {
  for (const name of Object.values(EVIDENCE_FILES)) fs.rmSync(path.join(folder, name), { force: true });
}
