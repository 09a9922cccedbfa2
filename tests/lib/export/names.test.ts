import { expect, it } from 'vitest';
import { exportFileName } from '@/lib/export/names';

it('names a file after the session title, safely, with the date', () => {
  const at = Date.UTC(2026, 10, 23, 12);
  expect(exportFileName('Gift purchase — Café « mobile »', at, 'html')).toBe('gift-purchase-cafe-mobile-2026-11-23.html');
  expect(exportFileName('../../etc/passwd', at, 'zip')).toBe('etc-passwd-2026-11-23.zip');
  expect(exportFileName('<script>', at, 'csv')).toBe('script-2026-11-23.csv');
  expect(exportFileName('   ', at, 'md')).toBe('session-2026-11-23.md');
  expect(exportFileName('x'.repeat(200), at, 'csv').length).toBe(60 + '-2026-11-23.csv'.length);
});
