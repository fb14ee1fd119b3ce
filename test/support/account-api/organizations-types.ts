// Shapes of the AWS Organizations API (service "organizations", API version 2016-11-28, protocol
// awsJson1_1: every request is `POST /` with `X-Amz-Target: AWSOrganizationsV20161128.<Operation>`),
// restricted to the read operations `contacts import`, `org-snapshot` and `drift` use.
// Members and error codes as the SDK's own schema in @aws-sdk/client-organizations declares them.
// Reference: https://docs.aws.amazon.com/organizations/latest/APIReference/API_Operations.html

export const ORGANIZATIONS_TARGET_PREFIX = "AWSOrganizationsV20161128.";

export const ORGANIZATIONS_OPERATIONS = [
  "DescribeOrganization",
  "ListRoots",
  "ListOrganizationalUnitsForParent",
  "ListAccountsForParent",
  "ListAccounts",
  "ListParents",
  "DescribeOrganizationalUnit",
] as const;
export type OrganizationsOperation = (typeof ORGANIZATIONS_OPERATIONS)[number];

/** HTTP status of each error, as the SDK's schema gives it (httpError trait). */
export const ORGANIZATIONS_ERROR_STATUS = {
  AccessDeniedException: 403,
  AWSOrganizationsNotInUseException: 404,
  TooManyRequestsException: 429,
  ServiceException: 500,
  InvalidInputException: 400,
  ParentNotFoundException: 404,
  ChildNotFoundException: 404,
  OrganizationalUnitNotFoundException: 404,
} as const;
export type OrganizationsErrorCode = keyof typeof ORGANIZATIONS_ERROR_STATUS;

export type OrganizationAccountState = "PENDING_ACTIVATION" | "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE" | "CLOSED";

/** The organization the stand-in's management account runs. Every account is ACTIVE and under the root unless said otherwise. */
export interface OrganizationOptions {
  /** Default "o-exampleorg1". */
  id?: string;
  /** OU path of each account ("Workloads/Payments"); accounts not named are directly under the root. */
  ouPaths?: Readonly<Record<string, string>>;
  /** Account names; default "account-<id>" ("management" for the management account). */
  accountNames?: Readonly<Record<string, string>>;
  accountStates?: Readonly<Record<string, OrganizationAccountState>>;
  /** OUs that hold no account, by path. */
  emptyOrganizationalUnits?: readonly string[];
  /** Most items one page of a List* answer holds (default 2, so every listing of three or more pages). */
  pageSize?: number;
}

export interface OrganizationsAccount {
  Id: string;
  Arn: string;
  Email: string;
  Name: string;
  Status: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";
  State: OrganizationAccountState;
  JoinedMethod: "INVITED" | "CREATED";
  /** awsJson1_1 writes timestamps as epoch seconds. */
  JoinedTimestamp: number;
}

export interface OrganizationsUnit {
  Id: string;
  Arn: string;
  Name: string;
}
