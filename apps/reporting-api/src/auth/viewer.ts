export const ROLES = ['learner', 'line-manager', 'department-admin', 'profession-admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, from a verified token: their role, store, and where they sit. */
export interface Viewer {
  readonly subject: string;
  readonly role: Role;
  readonly storeId: string;
  /** Learner key (store and agent identity) of the viewer as a learner or line manager. */
  readonly learnerKey?: string;
  /** A department admin's department code. */
  readonly department?: string;
}
