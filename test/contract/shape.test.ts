import { closestMismatches, shapeMismatches } from './shape';

const doc = {
	id: '6848085cd55c9753c282ca69',
	status: 'done',
	src: 'https://cdn.example/a.jpg',
	updated_at: '2025-07-05',
	items: [{ n: 1 }],
};

describe('the documented-shape check', () => {
	it('accepts the same shape with other values and extra fields', () => {
		expect(
			shapeMismatches(
				{
					...doc,
					id: '0123456789abcdef01234567',
					src: 'http://x/b.jpg',
					items: [{ n: 2 }, { n: 3 }],
					extra: 1,
				},
				doc,
			),
		).toEqual([]);
	});

	it('names each departure: missing, wrong type, not an id, not a link, not a date, another status, no items', () => {
		expect(
			shapeMismatches(
				{
					id: 'p-1',
					status: 'queued',
					src: '/a.jpg',
					updated_at: '2025-07-05T10:00:00Z',
					items: [],
				},
				{ ...doc, count: 1 },
			),
		).toEqual([
			'id: an ObjectId in the docs, got "p-1"',
			'status: "done" in the docs, got "queued"',
			'src: a link in the docs, got "/a.jpg"',
			'updated_at: a date in the docs, got "2025-07-05T10:00:00Z"',
			'items: the docs show items, got none',
			'count: missing',
		]);
		expect(shapeMismatches({ ...doc, items: [{ n: '1' }] }, doc)).toEqual([
			'items.*.n: number in the docs, got string',
		]);
	});

	it('lets optional fields be absent and picks the closest of several answers', () => {
		expect(shapeMismatches({ ...doc, src: undefined }, doc, ['src'])).toEqual([]);
		expect(
			closestMismatches({ process_id: '6848085cd55c9753c282ca69' }, [
				{ process_ids: ['6848085cd55c9753c282ca69'] },
				{ process_id: '6848085cd55c9753c282ca69' },
			]),
		).toEqual([]);
	});
});
