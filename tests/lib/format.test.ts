import { describe, expect, it } from 'vitest';
import { browserName, formatDuration, shortUrl } from '@/lib/format';

describe('formatDuration', () => {
  it('labels the first step', () => {
    expect(formatDuration(null)).toBe('first step');
  });

  it('shows seconds, minutes and hours with padded lower units', () => {
    expect(formatDuration(0)).toBe('+0 s');
    expect(formatDuration(4_400)).toBe('+4 s');
    expect(formatDuration(59_000)).toBe('+59 s');
    expect(formatDuration(65_000)).toBe('+1 min 05 s');
    expect(formatDuration(12 * 60_000 + 30_000)).toBe('+12 min 30 s');
    expect(formatDuration(2 * 3_600_000 + 7 * 60_000)).toBe('+2 h 07 min');
  });

  it('rounds to the nearest second before choosing the unit', () => {
    expect(formatDuration(59_600)).toBe('+1 min 00 s');
    expect(formatDuration(3_599_600)).toBe('+1 h 00 min');
  });
});

describe('shortUrl', () => {
  it('drops the scheme, a bare root path and the fragment, keeping the query', () => {
    expect(shortUrl('https://shop.example.com/')).toBe('shop.example.com');
    expect(shortUrl('https://shop.example.com/cart/checkout?step=2#pay')).toBe('shop.example.com/cart/checkout?step=2');
    expect(shortUrl('http://localhost:8080/a')).toBe('localhost:8080/a');
  });

  it('returns non-web and unparsable URLs as they are', () => {
    expect(shortUrl('chrome://extensions/')).toBe('chrome://extensions/');
    expect(shortUrl('not a url')).toBe('not a url');
  });
});

describe('browserName', () => {
  const chromeUA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36';
  const edgeUA = `${chromeUA} Edg/124.0.2478.51`;
  const firefoxUA = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0';

  it('prefers the real brand from user agent data over Chromium and GREASE brands', () => {
    const brands = [
      { brand: 'Not-A.Brand', version: '99' },
      { brand: 'Chromium', version: '124' },
      { brand: 'Google Chrome', version: '124' },
    ];
    expect(browserName(chromeUA, brands)).toBe('Google Chrome 124');
  });

  it('falls back to Chromium when it is the only real brand', () => {
    expect(browserName(chromeUA, [{ brand: 'Not)A;Brand', version: '8' }, { brand: 'Chromium', version: '126' }])).toBe('Chromium 126');
  });

  it('reads the user agent string when there is no brand data', () => {
    expect(browserName(firefoxUA)).toBe('Firefox 125');
    expect(browserName(chromeUA, [])).toBe('Chrome 124');
    expect(browserName('curl/8.0')).toBe('Unknown browser');
  });

  it('recognises Edge from its user agent string, which also says Chrome', () => {
    expect(browserName(edgeUA)).toBe('Edge 124');
  });
});
