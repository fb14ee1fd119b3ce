export { AccountApi, invokeAccountApi, startAccountApi } from "./server";
export type { FaultSettings, InvokeResult } from "./server";
export { seededRandom, TokenBucket } from "./faults";
export { ORGANIZATIONS_ERROR_STATUS, ORGANIZATIONS_OPERATIONS, ORGANIZATIONS_TARGET_PREFIX } from "./organizations-types";
export type { OrganizationAccountState, OrganizationOptions, OrganizationsOperation } from "./organizations-types";
export { ACCOUNT_API_DOCUMENTED_RATES, ACCOUNT_API_OPERATIONS, ALTERNATE_CONTACT_TYPES, ERROR_STATUS, OPERATION_PATHS } from "./types";
export type {
  AccountApiCall,
  AccountApiErrorCode,
  AccountApiOperation,
  AccountApiOptions,
  AccountApiSnapshot,
  AccountSnapshot,
  ApiOperation,
  AlternateContact,
  AlternateContactInput,
  AlternateContactType,
  ContactInformation,
  EventualConsistencyOptions,
  FaultKind,
  RateLimit,
} from "./types";
export { STATE_REQUIRED_COUNTRIES, validateContactInformation, validatePutAlternateContact } from "./validation";
export type { FieldViolation } from "./validation";
