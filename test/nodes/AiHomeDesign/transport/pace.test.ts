// When the next create is sent, against the platform's 10 processes per 10 minutes (a sliding window).
import { GenerationWindow } from '../../../../nodes/AiHomeDesign/transport/pace';

const MINUTE = 60_000;

describe('GenerationWindow', () => {
	it('lets 10 creates go at once and holds the 11th until the first is 10 minutes old', () => {
		const window = new GenerationWindow();
		for (let i = 0; i < 10; i++) {
			expect(window.nextSlotAt(i * 1000)).toBe(i * 1000);
			window.record(i * 1000);
		}
		expect(window.nextSlotAt(10_000)).toBe(10 * MINUTE);
		// The 12th waits for the second create's slot, not a whole window after the 11th.
		window.record(10 * MINUTE);
		expect(window.nextSlotAt(10 * MINUTE)).toBe(10 * MINUTE + 1000);
	});

	it('forgets creates older than the window', () => {
		const window = new GenerationWindow({ max: 2, windowMs: MINUTE });
		window.record(0);
		window.record(1);
		expect(window.nextSlotAt(MINUTE - 1)).toBe(MINUTE);
		expect(window.nextSlotAt(MINUTE)).toBe(MINUTE);
		// The first has left the window; the second holds its slot one more millisecond.
		window.record(MINUTE);
		expect(window.nextSlotAt(MINUTE)).toBe(MINUTE + 1);
	});
});
