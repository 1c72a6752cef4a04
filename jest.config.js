// Two suites: `unit` (seconds, no network, virtual clock) and `e2e` (the packed package inside a real n8n).
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }];

module.exports = {
	// e2e tests start a real n8n; unit tests never come near this.
	testTimeout: 300000,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/support/global-setup.js',
			globalTeardown: '<rootDir>/test/e2e/support/global-teardown.js',
			maxWorkers: 1,
		},
	],
};
