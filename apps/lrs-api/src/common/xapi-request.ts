import { FastifyRequest } from 'fastify';
import { XapiVersion } from '@lr/xapi';
import { Credential } from '../credentials/credential';

/** A request that passed the version hook and authentication. */
export type XapiRequest = FastifyRequest & {
  credential: Credential;
  xapiVersion: XapiVersion;
};

/** 1.0.x clients get the 1.0.3 rules, 2.0.x clients the 2.0.0 rules. */
export function xapiVersionOf(header: string): XapiVersion {
  return header.trim().startsWith('2.') ? '2.0.0' : '1.0.3';
}
