export { loadConfig, configFilePath, CONFIG_ENV, DEFAULT_CONFIG_FILE, PROJECT_DIR } from "./load-config";
export { ConfigError, InputError } from "./config-error";
export { configFileFromContext } from "./context";
export type { ConfigProblem } from "./config-error";
export type { AppConfig, AwsAccount, BackendConfig, ContractColumn, JobCapacity, JobConfig, OutputContract, OutputQuality, QualityRule, SourceConfig, StageAlerts, StageConfig } from "./types";
