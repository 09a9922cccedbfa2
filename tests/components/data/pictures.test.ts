import { expect, it } from 'vitest';
import { base64Bytes } from '@/components/data/pictures';

// The panel shows its own pixels on a new card only when the stored image has exactly their
// size: the count must be exact for every padding, or a good capture would show no picture
// until its thumbnail (or a replaced one would show the wrong one).
it('counts the bytes of a base64 data URL exactly, for each padding', () => {
  for (const length of [0, 1, 2, 3, 4, 5, 100, 1001]) {
    const bytes = Buffer.alloc(length, 7);
    expect(base64Bytes(`data:image/jpeg;base64,${bytes.toString('base64')}`)).toBe(length);
  }
});
