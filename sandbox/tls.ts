/**
 * A self-signed certificate made at start, in memory only (the private key is
 * never written to disk). One per process: generating is cheap, but tests start
 * many sandboxes.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface SandboxCert {
  key: string;
  pem: string;
  /** base64 SHA-256 of the DER SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
}

export const CERT_HOSTS = ['api.bigcommerce.com', '*.mybigcommerce.com', 'localhost'];

let cached: Promise<SandboxCert> | undefined;

export function sandboxCert(): Promise<SandboxCert> {
  cached ??= makeCert().catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

async function makeCert(): Promise<SandboxCert> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'api.bigcommerce.com' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // Short validity: Chromium rejects server certificates valid for more than 398 days.
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 30 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...CERT_HOSTS.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const x509 = new X509Certificate(pems.cert);
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return {
    key: pems.private,
    pem: pems.cert,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}
