/** Uploads each job script (and the shared Python libraries) to the stage bucket, re-uploading on any edit. */
import { AssetType, Construct, S3Object, TerraformAsset, type TerraformProvider } from "../cdktf";
import * as path from "path";
import { writeLibrariesZip } from "../python-libraries-zip";
import type { SecureBucket } from "./secure-bucket";

export interface JobScriptsProps {
  readonly bucket: SecureBucket;
  /** The bucket's name as known from config (the resource's own attribute is only known at apply). */
  readonly bucketName: string;
  readonly kmsKeyArn: string;
  readonly scriptsDir: string;
  /** Script file names (inside scriptsDir) to upload. */
  readonly scripts: readonly string[];
  /** Python packages (directories of scriptsDir) zipped into one `--extra-py-files` archive. */
  readonly pythonLibraries: readonly string[];
  /** The provider the objects are created with (S3 allows only 10 tags on an object). @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class JobScripts extends Construct {
  private readonly locations = new Map<string, string>();
  /** `s3://` location of the libraries zip, if any libraries are configured. */
  readonly librariesLocation?: string;

  constructor(scope: Construct, id: string, private readonly props: JobScriptsProps) {
    super(scope, id);
    for (const script of [...new Set(props.scripts)].sort()) {
      this.locations.set(script, this.upload(script, path.join(props.scriptsDir, script), `scripts/${script}`));
    }
    if (props.pythonLibraries.length > 0) {
      const zip = writeLibrariesZip(props.scriptsDir, props.pythonLibraries);
      this.librariesLocation = this.upload("python-libraries", zip, "libraries/python-libraries.zip");
    }
  }

  /** `s3://` location of an uploaded script. */
  scriptLocation(script: string): string {
    const location = this.locations.get(script);
    if (!location) throw new Error(`JobScripts: script ${script} was not given in props.scripts`);
    return location;
  }

  private upload(id: string, file: string, key: string): string {
    const asset = new TerraformAsset(this, `${id}-asset`, { path: file, type: AssetType.FILE });
    new S3Object(this, id, {
      provider: this.props.provider,
      bucket: this.props.bucket.bucket.id,
      key,
      source: asset.path,
      // The asset hash changes with the content, so Terraform re-uploads an edited script.
      sourceHash: asset.assetHash,
      serverSideEncryption: "aws:kms",
      kmsKeyId: this.props.kmsKeyArn,
    });
    return `s3://${this.props.bucketName}/${key}`;
  }
}
