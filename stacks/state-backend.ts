/** Gives each stack its own state store, as the config's `backend` says. */
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformBackend, TerraformStack } from "./cdktf";
import * as path from "path";
import type { BackendConfig } from "./config";
import { PROJECT_DIR } from "./config";

export function addStateBackend(stack: TerraformStack, backend: BackendConfig, stackName: string): TerraformBackend {
  switch (backend.type) {
    case "cloud":
      return new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(backend.workspaces[stackName], backend.project),
      });
    case "s3": {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix}/${stackName}/terraform.tfstate`,
        region: backend.region,
        encrypt: true,
        kmsKeyId: backend.kmsKeyId,
        assumeRole: backend.roleArn ? { roleArn: backend.roleArn } : undefined,
      });
      // S3-native locking (Terraform >= 1.10); cdktf 0.21's S3BackendConfig predates the option.
      s3.addOverride("use_lockfile", true);
      return s3;
    }
    case "local":
      return new LocalBackend(stack, { path: path.resolve(PROJECT_DIR, backend.directory, `${stackName}.tfstate`) });
  }
}
