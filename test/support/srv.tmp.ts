import { startAccountApi } from "./account-api";
(async () => {
  const api = await startAccountApi({ managementAccountId: "111111111111", memberAccountIds: ["222222222222"], port: 45123, eventualConsistency: true, throttleRate: Number(process.env.TR ?? 0), errorRate: Number(process.env.ER ?? 0), seed: 7 });
  console.log(api.url);
  process.on("SIGUSR2", () => console.log(JSON.stringify(api.calls)));
  setInterval(() => {}, 1000);
  process.on("SIGTERM", async () => { console.log(JSON.stringify(api.calls, null, 0)); console.log(JSON.stringify(api.snapshot())); await api.stop(); process.exit(0); });
})();
