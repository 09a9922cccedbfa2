import { describe, expect, it } from 'vitest';
import { userMessage } from '@/lib/errors';
import { defaultReserveBytes, diskRoom, MB, parseReserveMb, refusalFor } from '@/lib/storage/reserve';

const GB = 1000 * MB;

describe('the default disk reserve', () => {
  it('is the larger of 500 MB and 5 % of the disk, at most 2 GB', () => {
    expect(defaultReserveBytes(4 * GB)).toBe(500 * MB);
    expect(defaultReserveBytes(20 * GB)).toBe(1 * GB);
    expect(defaultReserveBytes(256 * GB)).toBe(2 * GB);
  });

  it('does not shrink as the disk fills: the largest disk seen counts', () => {
    // 30 GB seen once; now only 8 GB are ours + free (other programs filled the rest).
    const room = diskRoom({ quota: 8 * GB, usage: 1 * GB }, null, 30 * GB);
    expect(room.reserveBytes).toBe(1.5 * GB);
  });
});

describe('deciding whether a write may go', () => {
  const estimate = { quota: 1_000 * MB, usage: 100 * MB }; // 900 MB free

  it('lets a write through that leaves the reserve free, and warns from twice the reserve', () => {
    expect(diskRoom(estimate, 300, 0).level).toBe('ok');
    const near = diskRoom(estimate, 500, 0);
    expect(near.level).toBe('low');
    expect(refusalFor(near, 10 * MB)).toBeNull();
  });

  it('refuses a write that would end inside the reserve, saying how much is left', () => {
    const room = diskRoom(estimate, 895, 0);
    const refusal = refusalFor(room, 6 * MB);
    expect(refusal).toEqual({ kind: 'storage-full', freeBytes: 900 * MB });
    expect(userMessage(refusal!)).toBe('Your disk is almost full: 900 MB left. Free space or delete sessions; nothing was saved.');
    expect(refusalFor(room, 4 * MB)).toBeNull();
    expect(diskRoom(estimate, 900, 0).level).toBe('full');
  });

  it('lets writes go where the browser reports no estimate (its errors still say storage full)', () => {
    const room = diskRoom(null, 100, 0);
    expect(room.level).toBe('unknown');
    expect(refusalFor(room, 10 * GB)).toBeNull();
  });
});

describe('the reserve the user types', () => {
  it('takes whole MB in range and says what is wrong otherwise', () => {
    expect(parseReserveMb(' 750 ')).toEqual({ ok: true, mb: 750 });
    expect(parseReserveMb('12.5')).toMatchObject({ ok: false, problem: expect.stringContaining('whole number') });
    expect(parseReserveMb('10')).toMatchObject({ ok: false, problem: expect.stringContaining('between 50') });
    expect(parseReserveMb('')).toMatchObject({ ok: false });
  });
});
