// Two suites: `unit` (seconds, no network, virtual clock) and `e2e` (the packed package inside a real n8n).
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }];

module.exports = {
	// e2e tests start a real n8n; unit tests never come near this.
	testTimeout: 300000,
	reporters: ['default', '<rootDir>/jest.summary-reporter.js'],
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/', '<rootDir>/test/compat/'],
		},
		{
			// The built package loaded with each host's n8n-workflow and zod (needs the registry once, to fill its cache).
			displayName: 'compat',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/compat/**/*.test.ts'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			// Transpile only: see test/e2e/tsconfig.json.
			transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/e2e/tsconfig.json' }] },
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/harness/global-setup.ts',
			globalTeardown: '<rootDir>/test/e2e/harness/global-teardown.ts',
			maxWorkers: 1,
		},
	],
};
