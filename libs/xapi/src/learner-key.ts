/**
 * The partition key of a statement: its store and the learner's identifier, so that one
 * learner's statements stay in order on one partition for every projection downstream.
 */
export function learnerKey(storeId: string, actor: unknown): string {
  return `${storeId}|${actorIdentity(actor)}`;
}

function actorIdentity(actor: unknown): string {
  if (typeof actor !== 'object' || actor === null) return 'unknown';
  const a = actor as Record<string, unknown>;
  if (typeof a.mbox === 'string') return a.mbox.toLowerCase();
  if (typeof a.mbox_sha1sum === 'string') return `sha1:${a.mbox_sha1sum.toLowerCase()}`;
  if (typeof a.openid === 'string') return a.openid;
  const account = a.account as Record<string, unknown> | undefined;
  if (account && typeof account.homePage === 'string' && typeof account.name === 'string') {
    return `${account.homePage}|${account.name}`;
  }
  return 'anonymous';
}
