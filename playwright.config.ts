import { defineConfig, devices } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (scripts/toolchain.sh installs it):
// Playwright's own browser download cannot work on these machines.
const chromium = {
  executablePath: process.env.PAVED_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    [
      'json',
      { outputFile: process.env.PAVED_E2E_RESULTS ?? 'test-results/e2e.json' },
    ],
  ],
  outputDir: 'test-results',
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
  ],
  // The portal exactly as `scripts/start` runs it: embedded defaults, demo organisation.
  webServer: [
    {
      command: 'yarn backstage-cli repo start @paved/backend',
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'yarn backstage-cli repo start @paved/app',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
    },
  ],
});
