import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Suites start real servers, SMTP servers and browsers; give them room but never hang CI.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: run files in parallel, but not so many that servers and Chromium starve.
    maxWorkers: 2,
    fileParallelism: true,
    reporters: ['default'],
  },
});
