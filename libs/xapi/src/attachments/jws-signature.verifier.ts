import { X509Certificate, constants, verify } from 'node:crypto';
import { ACCEPTED, AttachmentResult, rejected } from './attachment-result';
import { CompactJws } from './compact-jws.parser';

/** Data 2.6 allows only RSASSA-PKCS1-v1_5 with SHA-2 (RFC 7518 §3.3). */
const HASH_BY_ALGORITHM: ReadonlyMap<string, string> = new Map([
  ['RS256', 'sha256'],
  ['RS384', 'sha384'],
  ['RS512', 'sha512'],
]);

/** The hash an allowed `alg` signs with, or null for any other algorithm. */
export function hashForAlgorithm(alg: unknown): string | null {
  return typeof alg === 'string' ? (HASH_BY_ALGORITHM.get(alg) ?? null) : null;
}

/**
 * Checks the signature against the leaf certificate of the header's x5c chain (RFC 7515
 * §4.1.6), as Data 2.6 requires when one is present, and that each certificate was issued by
 * the next one. No trust anchor, validity period or revocation is checked: the spec says this
 * step catches mistakes and is not a security measure, and an LRS has no trust store to use.
 */
export function verifyWithX5c(jws: CompactJws, hash: string): AttachmentResult {
  const chain = certificatesOf(jws.header.x5c);
  if (!chain.ok) return chain;
  const [leaf, ...issuers] = chain.certificates;
  if (leaf === undefined) return rejected('the JWS x5c header is empty');
  for (const [i, issuer] of issuers.entries()) {
    const subject = chain.certificates[i];
    if (subject === undefined || !isIssuedBy(subject, issuer)) {
      return rejected(`the JWS x5c certificate ${i} is not issued by certificate ${i + 1}`);
    }
  }
  if (leaf.publicKey.asymmetricKeyType !== 'rsa') {
    return rejected('the JWS x5c certificate does not hold an RSA key');
  }
  return isValidSignature(jws, hash, leaf)
    ? ACCEPTED
    : rejected('the JWS signature does not verify with its x5c certificate');
}

/** x5c holds standard base64 DER, not base64url (RFC 7515 §4.1.6). */
function certificatesOf(x5c: unknown): AttachmentResult<{ certificates: X509Certificate[] }> {
  if (!Array.isArray(x5c)) return rejected('the JWS x5c header is not an array');
  const certificates: X509Certificate[] = [];
  for (const [i, entry] of x5c.entries()) {
    const certificate = typeof entry === 'string' ? certificateFrom(entry) : null;
    if (certificate === null) return rejected(`the JWS x5c entry ${i} is not a certificate`);
    certificates.push(certificate);
  }
  return { ok: true, certificates };
}

function certificateFrom(base64: string): X509Certificate | null {
  try {
    return new X509Certificate(Buffer.from(base64, 'base64'));
  } catch {
    return null;
  }
}

function isIssuedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
}

function isValidSignature(jws: CompactJws, hash: string, leaf: X509Certificate): boolean {
  try {
    return verify(
      hash,
      jws.signingInput,
      { key: leaf.publicKey, padding: constants.RSA_PKCS1_PADDING },
      jws.signature,
    );
  } catch {
    return false;
  }
}
