// Types for test-certificate.mjs.
export interface TestCertificate {
  key: string;
  cert: string;
  /** The certificate as a file, for NODE_EXTRA_CA_CERTS of a child process. */
  certFile: string;
  /** Deletes the temp folder holding it. */
  remove(): void;
}

/** A self-signed P-256 certificate (its own CA) for `hosts` (names or IP addresses), made with the openssl CLI in a temp folder. */
export function createTestCertificate(hosts: string[]): TestCertificate;
