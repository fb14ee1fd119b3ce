/** Where a value stands in the registry file: what every error and finding points a person at. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}
