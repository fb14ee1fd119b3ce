import { UsageError } from "../usage-error";
import type { CliCommand } from "./command";

export const reviewCommand: CliCommand = {
  name: "review",
  summary: "report what a registry change does to every contact",
  help: "Usage: contacts review --base <git-ref>\n",
  run: async () => {
    throw new UsageError("contacts review is not built yet.");
  },
};
