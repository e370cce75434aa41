/** The data the acceptance rules work on: synthesized Terraform JSON, indexed once, and what a rule reports. */

/** The parsed `cdk.tf.json` of one stack. */
export type StackJson = Record<string, any>;

/** What a rule refuses: where (stack and resource address), what value, and how to fix it. */
export interface Finding {
  /** The rule's id, e.g. `policy-sids-unique`. */
  readonly rule: string;
  readonly stack: string;
  /** Terraform resource address, e.g. `aws_iam_role_policy.deploy-dev_policy_1234`. */
  readonly address: string;
  /** What is refused, naming the refused value. */
  readonly message: string;
  /** One line: how to fix it. */
  readonly fix: string;
}

/** The AWS provider a resource is created through. */
export interface ProviderInfo {
  /** `aws` or `aws.<alias>`. */
  readonly key: string;
  /** The one account in `allowed_account_ids`, if it names exactly one. */
  readonly accountId?: string;
  readonly region?: string;
  readonly partition: string;
  readonly defaultTags: Readonly<Record<string, string>>;
}

export interface ResourceRef {
  readonly stack: string;
  readonly type: string;
  readonly id: string;
  /** `<type>.<id>`: what Terraform calls the resource. */
  readonly address: string;
  readonly block: Record<string, any>;
  readonly provider: ProviderInfo;
}

/**
 * The kinds of policy AWS tells apart. `inline` and `managed` are identity policies (no Principal);
 * the others are resource policies, whose statements must each name a Principal.
 */
export type PolicyKind = "inline" | "managed" | "trust" | "bucket" | "key" | "topic";

export interface PolicyRef {
  readonly kind: PolicyKind;
  /** The resource holding the policy. */
  readonly resource: ResourceRef;
  /** The attribute that holds it, e.g. `policy` or `assume_role_policy`. */
  readonly attribute: string;
  /** The policy as Terraform will send it (references not yet resolved). */
  readonly text: string;
  /** The parsed document, or undefined when `text` is not JSON. */
  readonly document?: any;
  /** For an inline policy: the address of its role (or the role's literal name when it is not in the app). */
  readonly roleKey?: string;
}

/** Every stack of an app, indexed once for all rules. */
export interface SynthesizedApp {
  readonly stacks: Readonly<Record<string, StackJson>>;
  readonly resources: readonly ResourceRef[];
  /** Resources by `<stack> <address>`. */
  readonly byAddress: ReadonlyMap<string, ResourceRef>;
  readonly policies: readonly PolicyRef[];
}

/** One acceptance rule: a pure function of the app. */
export interface AcceptanceRule {
  readonly id: string;
  /** One line: what AWS refuses that this rule catches. */
  readonly description: string;
  readonly check: (app: SynthesizedApp) => Finding[];
}
