import * as http from "http";
import type { AddressInfo } from "net";

export interface StsStandIn {
  url: string;
  /** The role ARNs AssumeRole was asked for, in order. */
  assumedRoles: string[];
  /** The access key ids GetCallerIdentity was asked with, in order. */
  callers: string[];
  stop(): Promise<void>;
}

const xml = (response: http.ServerResponse, status: number, body: string): void => {
  response.writeHead(status, { "content-type": "text/xml" });
  response.end(body);
};
const error = (code: string, message: string) =>
  `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error></ErrorResponse>`;

/**
 * Answers STS (the query protocol's XML) for providers configured as written, pointed at it with
 * AWS_ENDPOINT_URL_STS:
 * - AssumeRole, so a provider with an assume_role block works and the plan's configuration records the role ARN
 *   (the harness's neutralizeAssumeRole override would replace it with its own "", since Terraform shows
 *   overrides merged);
 * - GetCallerIdentity, with the account `callerAccounts` gives the caller's access key (InvalidClientTokenId for
 *   any other): how a provider with credentials of its own learns its account and checks allowed_account_ids.
 */
export async function startStsStandIn(callerAccounts: Record<string, string> = {}): Promise<StsStandIn> {
  const assumedRoles: string[] = [];
  const callers: string[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const params = new URLSearchParams(body);
      const action = params.get("Action");
      if (action === "AssumeRole") {
        const roleArn = params.get("RoleArn") ?? "";
        assumedRoles.push(roleArn);
        return xml(
          response,
          200,
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
            `<Credentials><AccessKeyId>ASIALOCALSTS</AccessKeyId><SecretAccessKey>local</SecretAccessKey><SessionToken>local</SessionToken>` +
            `<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
            `<AssumedRoleUser><Arn>${roleArn}/local</Arn><AssumedRoleId>AROALOCAL:local</AssumedRoleId></AssumedRoleUser>` +
            `</AssumeRoleResult><ResponseMetadata><RequestId>local</RequestId></ResponseMetadata></AssumeRoleResponse>`,
        );
      }
      if (action === "GetCallerIdentity") {
        const key = /Credential=([A-Z0-9]+)\//.exec(request.headers.authorization ?? "")?.[1] ?? "";
        callers.push(key);
        const account = callerAccounts[key];
        if (!account) return xml(response, 403, error("InvalidClientTokenId", `unknown key ${key}`));
        return xml(
          response,
          200,
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/contacts</Arn>` +
            `<UserId>AIDALOCAL</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>local</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      }
      xml(response, 400, error("InvalidAction", "only AssumeRole and GetCallerIdentity"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, assumedRoles, callers, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
