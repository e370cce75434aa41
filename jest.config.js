/** Jest runs TypeScript through swc (no type-check here: `npm run typecheck` does that). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.tsx?$": ["@swc/jest"] },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testTimeout: 60000,
};
