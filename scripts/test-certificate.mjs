// A self-signed certificate for loopback servers over TLS: the tests' (test/helpers/connect-proxy.ts) and the S3
// benchmark's (BENCH_S3_TLS). Made with the openssl CLI; a child process trusts it through NODE_EXTRA_CA_CERTS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A self-signed P-256 certificate (its own CA) for `hosts` (names or IP addresses), in a temp folder.
 * @param {string[]} hosts
 * @returns {import('./test-certificate.d.mts').TestCertificate}
 */
export function createTestCertificate(hosts) {
  const dir = mkdtempSync(join(tmpdir(), 'bds-cert-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${hosts[0]}`,
      '-addext', `subjectAltName=${hosts.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',')}`,
      '-addext', 'basicConstraints=critical,CA:TRUE'
    ],
    { stdio: 'pipe' }
  );
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
    remove: () => rmSync(dir, { recursive: true, force: true })
  };
}
