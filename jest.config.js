/**
 * Jest runs TypeScript through swc (no type-check here: `npm run typecheck` does that), in two tiers:
 * - unit: every `*.test.ts` that runs in-process; `npm run test:unit`, the edit-test loop;
 * - integration: `*.integration.test.ts`, the suites that start an emulator, Terraform, Spark, Python or
 *   another Node process; `npm run test:integration`.
 * `npm run test:ts` (and so `npm test`) runs both. __tests__/test-tiers.test.ts keeps each suite in its tier.
 */
const shared = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  transform: { "^.+\\.tsx?$": ["@swc/jest"] },
};

module.exports = {
  projects: [
    { ...shared, displayName: "unit", testMatch: ["**/*.test.ts"], testPathIgnorePatterns: ["/node_modules/", "\\.integration\\.test\\.ts$"] },
    // Many integration suites wait on child processes, so two workers pay off even on 2 cores.
    { ...shared, displayName: "integration", testMatch: ["**/*.integration.test.ts"] },
  ],
  // A global option (jest reads it only here, not per project): the integration tier's processes need it.
  testTimeout: 120000,
  maxWorkers: 2,
};
