export { makeCertificate, type Certificate } from "./certificate";
export { StandInDirectory, type StandInGroup, type StandInUser } from "./directory";
export { GraphApi, startGraphApi, type GraphApiCall, type GraphApiOptions, type GraphFaults } from "./server";

export { GraphReaderProcess, type GraphReaderJob, type GraphReaderRun } from "./reader-process";
export { CLIENT_ID, CLIENT_SECRET, FEDERATED_TOKEN, NOW, startExampleTenant, TENANT_ID, type ExampleTenant } from "./example-tenant";
