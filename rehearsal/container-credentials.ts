/**
 * The credentials endpoint a CodeBuild container has: AWS SDKs, the AWS CLI and Terraform find a build's
 * role credentials at AWS_CONTAINER_CREDENTIALS_FULL_URI, and so do profiles with
 * `credential_source = EcsContainer`. Served on loopback, one path per step, behind a token.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AwsCredentials } from "./emulator/emulator";

export interface ContainerCredentials {
  /** The environment that points a process at the endpoint. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function serveContainerCredentials(credentials: AwsCredentials): Promise<ContainerCredentials> {
  const token = randomBytes(16).toString("hex");
  const body = JSON.stringify({
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken,
    Expiration: new Date(Date.now() + 3600_000).toISOString(),
  });
  const server: Server = createServer((request, response) => {
    const authorized = request.url === "/credentials" && request.headers.authorization === token;
    response.writeHead(authorized ? 200 : 403, { "content-type": "application/json" });
    response.end(authorized ? body : '{"message":"forbidden"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the credentials endpoint has no port");
  return {
    env: {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${address.port}/credentials`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
