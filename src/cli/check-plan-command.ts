import { UsageError } from "../usage-error";
import type { CliCommand } from "./command";

export const checkPlanCommand: CliCommand = {
  name: "check-plan",
  summary: "judge a Terraform plan with the contact policy",
  help: "Usage: contacts check-plan <plan.json>\n",
  run: async () => {
    throw new UsageError("contacts check-plan is not built yet.");
  },
};
