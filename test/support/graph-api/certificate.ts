import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface Certificate {
  /** PEM files: the certificate is its own authority, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

/**
 * A self-signed certificate for 127.0.0.1, made by openssl in `dir`. MSAL refuses an authority that is not
 * https (msal-common's UrlString.validateAsUri throws authority_uri_insecure), so the token endpoint cannot be
 * served over plain http, and the reader sends its token only to https.
 */
export function makeCertificate(dir: string): Certificate {
  const certFile = path.join(dir, "graph-api-cert.pem");
  const keyFile = path.join(dir, "graph-api-key.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      keyFile,
      "-out",
      certFile,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
    ],
    { stdio: "pipe" },
  );
  return { certFile, keyFile, cert: fs.readFileSync(certFile, "utf8"), key: fs.readFileSync(keyFile, "utf8") };
}
