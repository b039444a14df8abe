import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fails any test file that writes a test secret to stdout/stderr/console or a log line (see the file).
    setupFiles: ['test/setup/secrets-scan.ts'],
    // Builds dist/ once per run when it is older than the sources (serve, two-instance and stdio tests run it).
    globalSetup: ['test/setup/build.ts'],
    exclude: ['node_modules/**', 'dist/**', ...(process.env.SOAK ? [] : ['test/soak/**'])],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
