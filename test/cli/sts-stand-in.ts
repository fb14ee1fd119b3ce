import * as http from "http";
import type { AddressInfo } from "net";

/**
 * Answers STS AssumeRole (the query protocol's XML), so the AWS provider can be configured with an
 * assume_role block as written: the plan's configuration then records the role ARN. The Account API
 * stand-in does not answer STS, and the harness's neutralizeAssumeRole override would replace the
 * role_arn in the plan's configuration with its own "" (Terraform shows overrides merged). Point the
 * provider at it with AWS_ENDPOINT_URL_STS.
 */
export async function startStsStandIn(): Promise<{ url: string; assumedRoles: string[]; stop(): Promise<void> }> {
  const assumedRoles: string[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const params = new URLSearchParams(body);
      const roleArn = params.get("RoleArn") ?? "";
      if (params.get("Action") !== "AssumeRole") {
        response.writeHead(400, { "content-type": "text/xml" });
        response.end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>only AssumeRole</Message></Error></ErrorResponse>`);
        return;
      }
      assumedRoles.push(roleArn);
      response.writeHead(200, { "content-type": "text/xml" });
      response.end(
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
          `<Credentials><AccessKeyId>ASIALOCALSTS</AccessKeyId><SecretAccessKey>local</SecretAccessKey><SessionToken>local</SessionToken>` +
          `<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
          `<AssumedRoleUser><Arn>${roleArn}/local</Arn><AssumedRoleId>AROALOCAL:local</AssumedRoleId></AssumedRoleUser>` +
          `</AssumeRoleResult><ResponseMetadata><RequestId>local</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, assumedRoles, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
