import { Injectable } from '@nestjs/common';
import { JsonWebKey } from 'node:crypto';

const TTL_MS = 10 * 60_000;

/** Fetches and caches an identity provider's JSON Web Key Set. */
@Injectable()
export class JwksClient {
  private cached: { url: string; at: number; keys: (JsonWebKey & { kid?: string })[] } | undefined;

  async key(url: string, kid: string | undefined): Promise<JsonWebKey | undefined> {
    let keys = await this.keys(url, false);
    let found = keys.find((key) => kid === undefined || key.kid === kid);
    if (!found && kid !== undefined) {
      // A key rotated in since the last fetch.
      keys = await this.keys(url, true);
      found = keys.find((key) => key.kid === kid);
    }
    return found;
  }

  private async keys(url: string, refresh: boolean) {
    const fresh = this.cached && this.cached.url === url && Date.now() - this.cached.at < TTL_MS;
    if (!fresh || refresh) {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`JWKS ${url} answered ${response.status}`);
      const body = (await response.json()) as { keys?: (JsonWebKey & { kid?: string })[] };
      this.cached = { url, at: Date.now(), keys: body.keys ?? [] };
    }
    return this.cached!.keys;
  }
}
