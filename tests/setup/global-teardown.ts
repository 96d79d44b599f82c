/** Releases the infrastructure once, after the last project that used it. */
export default async function globalTeardown(): Promise<void> {
  const infra = globalThis.__LR_INFRA__;
  globalThis.__LR_INFRA__ = undefined;
  await infra?.release();
}
