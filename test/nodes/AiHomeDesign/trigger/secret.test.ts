import { secretMatches } from '../../../../nodes/AiHomeDesign/trigger/secret';

describe('secretMatches', () => {
	it('matches only the identical string', () => {
		expect(secretMatches('test-secret', 'test-secret')).toBe(true);
		expect(secretMatches('test-secret', 'test-secreT')).toBe(false);
		expect(secretMatches('test-secret', 'test-secret ')).toBe(false);
		expect(secretMatches('test-secret', '')).toBe(false);
	});

	it('compares values of different lengths without throwing (digests have equal length)', () => {
		expect(() => secretMatches('short', 'a much longer guess than the secret')).not.toThrow();
		expect(secretMatches('é', 'e')).toBe(false);
	});
});
