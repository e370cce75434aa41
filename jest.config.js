/** Jest runs TypeScript through swc (no type-check here: `npm run typecheck` does that). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.tsx?$": ["@swc/jest"] },
  testTimeout: 60000,
  // Jest's default on 2 cores is one worker; many suites wait on child processes, so two pay off.
  maxWorkers: 2,
};
