export const SCOPES = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'all/read',
  'all',
  'state',
  'profile',
  'define',
] as const;

export type Scope = (typeof SCOPES)[number];

/** An API client: belongs to one store, acts with its scopes, is the statements' authority. */
export interface Credential {
  readonly key: string;
  readonly name: string;
  readonly storeId: string;
  readonly scopes: readonly Scope[];
  readonly revoked: boolean;
}
