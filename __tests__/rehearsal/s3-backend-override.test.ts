import { s3BackendOverride } from "../../rehearsal/s3-backend-override";
import { withRehearsalBackend } from "../../rehearsal/workspace";
import { parse } from "yaml";

const emulator = { endpoint: "https://127.0.0.1:4566", caBundle: "/tmp/ca.pem" };

test("an s3 backend keeps every setting of the stack's, and gets the emulator's endpoints, path style and CA", () => {
  const s3 = { bucket: "b", key: "p/dev-glue/terraform.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true, kms_key_id: "arn:k" };
  expect(s3BackendOverride({ terraform: { backend: { s3 } } }, emulator)).toEqual({
    terraform: {
      backend: {
        s3: { ...s3, endpoints: { s3: emulator.endpoint, sts: emulator.endpoint, iam: emulator.endpoint }, use_path_style: true, custom_ca_bundle: "/tmp/ca.pem", skip_metadata_api_check: true },
      },
    },
  });
});

test("a stack with another backend gets no override", () => {
  expect(s3BackendOverride({ terraform: { backend: { local: { path: "x" } } } as never }, emulator)).toBeUndefined();
  expect(s3BackendOverride({}, emulator)).toBeUndefined();
});

test("the rehearsal keeps an s3 backend as it is and makes any other local", () => {
  const s3 = "# state\nbackend:\n  type: s3\n  bucket: b\n  region: eu-west-1\n";
  expect(withRehearsalBackend(s3, "/state")).toBe(s3);
  expect(parse(withRehearsalBackend("backend:\n  type: cloud\n  organization: o\n", "/state")).backend).toEqual({ type: "local", directory: "/state" });
  expect(parse(withRehearsalBackend("backend:\n  organization: o\n")).backend).toEqual({ type: "local" });
});
