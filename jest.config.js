// One jest run, four kinds of tests. Each project mirrors a part of the source.
const transform = { '^.+\\.[tj]sx?$': ['babel-jest', { configFile: './babel.jest.config.js' }] };
const common = {
  testEnvironment: 'node',
  transform,
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    // Every integration file runs under a log capture that fails it on personal data in its output.
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/tests/support/log-capture.ts'] },
    { ...common, displayName: 'weapp', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/tests/browser/**/*.test.ts'] },
    { ...common, displayName: 'automator', testMatch: ['<rootDir>/tests/automator/**/*.test.ts'] },
  ],
};
