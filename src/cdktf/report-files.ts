/** The policy reports synth writes beside the stacks in cdktf.out/: named here so the aspect and the writer agree. */
export const JSON_REPORT = "contact-policy.json";
export const SARIF_REPORT = "contact-policy.sarif";
