import * as fs from "fs";
import * as path from "path";
import type { SourcePosition } from "../model/types";

/**
 * Where the resource block of a plan's instance is written, in the `.tf` files of `root` (the folder Terraform
 * planned in) or of a local module's folder below it: `aws_account_alternate_contact.security["222222222222"]`
 * -> main.tf:12:1. A plan records no line numbers, so the files are scanned for the block's opening line.
 * Undefined for a module from a registry or outside `root`, a block written twice or not at all: a wrong line
 * is worse than none.
 * @param moduleSources local module calls' sources, by call address without instance keys (the plan's configuration)
 */
export function resourceBlockFinder(root: string, moduleSources: ReadonlyMap<string, string> = new Map()): (address: string) => SourcePosition | undefined {
  const scanned = new Map<string, Map<string, SourcePosition[]>>();
  return (address) => {
    const parsed = parseAddress(address);
    if (!parsed) return undefined;
    let dir = path.resolve(root);
    let call = "";
    for (const name of parsed.modules) {
      call = `${call}${call ? "." : ""}module.${name}`;
      const source = moduleSources.get(call);
      if (source === undefined) return undefined;
      dir = path.resolve(dir, source);
    }
    // A module folder outside the one planned in is not this configuration's to point at.
    const relative = path.relative(path.resolve(root), dir);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
    if (!scanned.has(dir)) scanned.set(dir, scanResourceBlocks(dir));
    const found = scanned.get(dir)!.get(parsed.resource);
    return found?.length === 1 ? found[0] : undefined;
  };
}

const MODULE_STEP = /module\.([A-Za-z_][\w-]*)(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\./y;
const RESOURCE = /([A-Za-z][\w-]*)\.([A-Za-z_][\w-]*)(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?$/y;

/** `module.a["x"].module.b.type.name["k"]` -> modules [a, b], resource `type.name`; undefined for anything else (a data source's, a cdktf path). */
function parseAddress(address: string): { modules: string[]; resource: string } | undefined {
  const modules: string[] = [];
  let at = 0;
  for (;;) {
    MODULE_STEP.lastIndex = at;
    const step = MODULE_STEP.exec(address);
    if (!step) break;
    modules.push(step[1]);
    at = MODULE_STEP.lastIndex;
  }
  RESOURCE.lastIndex = at;
  const resource = RESOURCE.exec(address);
  if (!resource || resource[1] === "data") return undefined;
  return { modules, resource: `${resource[1]}.${resource[2]}` };
}

/** Every top-level `resource "type" "name" {` line of the folder's `.tf` files, outside comments and heredocs. */
function scanResourceBlocks(dir: string): Map<string, SourcePosition[]> {
  const blocks = new Map<string, SourcePosition[]>();
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(".tf"))
      .sort();
  } catch {
    return blocks;
  }
  for (const name of files) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, name), "utf8");
    } catch {
      continue;
    }
    let inComment = false;
    let heredoc: string | undefined;
    text.split(/\r?\n/).forEach((line, index) => {
      if (heredoc !== undefined) {
        if (line.trim() === heredoc) heredoc = undefined;
        return;
      }
      if (inComment) {
        if (line.includes("*/")) inComment = false;
        return;
      }
      // terraform fmt writes top-level blocks at the start of the line, and nested ones indented.
      const block = /^resource\s+"?([A-Za-z][\w-]*)"?\s+"?([A-Za-z_][\w-]*)"?\s*\{/.exec(line);
      if (block) {
        const key = `${block[1]}.${block[2]}`;
        blocks.set(key, [...(blocks.get(key) ?? []), { file: path.join(dir, name), line: index + 1, column: 1 }]);
      }
      const opened = /<<-?\s*"?([A-Za-z_]\w*)"?\s*$/.exec(line);
      if (opened) heredoc = opened[1];
      else if (/^\s*\/\*/.test(line) && !line.includes("*/")) inComment = true;
    });
  }
  return blocks;
}
