import * as fs from "fs";
import * as path from "path";
import packageJson from "../../package.json";
import { DEFAULT_PROVIDER_VERSION, DEFAULT_REGISTRY } from "../run/settings";

/** What `contacts init` writes besides the registry, each as a path relative to the adopter's folder. */
export const WORKFLOW_FILE = ".github/workflows/contacts.yml";
/** The schema as the installed package holds it, from the registry's folder (contacts/). */
const INSTALLED_SCHEMA = `../node_modules/${packageJson.name}/dist/schema/registry.schema.json`;
/** The cdktf stack this release was built and tested with: the adopter pins the same, and a release bump moves them together. */
const PINNED = ["cdktf", "constructs", "@cdktf/provider-aws"] as const;

/**
 * The folder of this package: the checkout when run from the sources, the installed package when run from
 * dist/ (whose own package.json copy is not the root). Found by the binary beside it, not by depth.
 */
export function packageRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "bin/contacts.js")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no bin/contacts.js above ${from}: the package is incomplete`);
  }
}

/** A file the package ships as it was when packed (the workflow and the example registry are copied then, never retyped here). */
export function shippedFile(relative: string): string {
  return fs.readFileSync(path.join(packageRoot(), relative), "utf8");
}

/** The example registry, its schema comment pointing at the installed package's schema instead of this checkout's. */
export function exampleRegistryText(): string {
  return shippedFile(DEFAULT_REGISTRY).replace(/^(# yaml-language-server: \$schema=).*$/m, `$1${INSTALLED_SCHEMA}`);
}

/** An npm package name from a folder's name, which is anyone's text: lower case letters, digits and dashes only. */
export function adopterName(folder: string): string {
  const name = path
    .basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return name || "aws-contacts";
}

/** The adopter's package.json: the tool by `toolSpec` (a version, or a tarball path), the cdktf stack pinned as here. */
export function adopterPackageJson(name: string, toolSpec: string): string {
  const versions = packageJson.devDependencies as Record<string, string>;
  const pinned = Object.fromEntries(PINNED.map((dependency) => [dependency, versions[dependency]]));
  const manifest = {
    name,
    version: "0.0.0",
    private: true,
    description: "The organization's AWS account contacts as code",
    engines: packageJson.engines,
    scripts: { synth: "cdktf synth", validate: "contacts validate" },
    dependencies: { [packageJson.name]: toolSpec, ...pinned },
    devDependencies: { "cdktf-cli": versions["cdktf-cli"] },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** cdktf.json: the package's app (`--no`: npx never downloads a missing one by that name), the context as this repository's. */
export function adopterCdktfJson(name: string, importExisting: boolean): string {
  const config = {
    language: "typescript",
    app: "npx --no contacts-app",
    projectId: name,
    sendCrashReports: "false",
    terraformProviders: [],
    terraformModules: [],
    context: {
      contactsRegistry: DEFAULT_REGISTRY,
      awsRegion: "us-east-1",
      awsProviderVersion: DEFAULT_PROVIDER_VERSION,
      stackName: "contacts",
      ...(importExisting ? { importExistingContacts: true } : {}),
    },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

export const ADOPTER_GITIGNORE = `node_modules/
cdktf.out/
evidence/
/*.tgz
.terraform/
*.tfstate*
`;

/** The README stub: the next steps, which `contacts init` also prints. */
export function adopterReadme(imported: boolean): string {
  return `# AWS account contacts as code

Every account's alternate and primary contacts, from \`${DEFAULT_REGISTRY}\`, deployed with CDK for Terraform
by [${packageJson.name}](https://www.npmjs.com/package/${packageJson.name}); synthesis fails when a contact
does not reach two current people.

## Next steps

${nextSteps(imported)}
Upgrading: raise the version of \`${packageJson.name}\` in package.json, then \`npm install\`.
`;
}

/** Numbered, as both the README stub and the command's output say them. */
export function nextSteps(imported: boolean): string {
  const steps = [
    "`npm install`, and commit package-lock.json with the rest (the workflow installs with npm ci)",
    imported
      ? `fill in people and groups in \`${DEFAULT_REGISTRY}\` (the comments at its top say how); policy.mode warn reports without failing until then`
      : `replace the example in \`${DEFAULT_REGISTRY}\` with your organization: \`npx contacts import --force\` (AWS access), then fill in people and groups`,
    "`npx contacts validate` and `npx cdktf synth`: the policy's findings, file and line",
    "`npx contacts review --base main` on a branch: what a change does to every contact",
    "set policy.mode to enforce once the findings are fixed",
    `deploy: a shared state backend (cdktf.json context \`s3Backend\`) and the roles ${WORKFLOW_FILE} names, then \`npx cdktf deploy\` or the workflow`,
  ];
  return steps.map((step, index) => `${index + 1}. ${step}\n`).join("");
}
