import { describe, expect, it } from 'vitest';
import { eachLimited, IN_FLIGHT, limitedPerHost } from '@/lib/workspace/pool';
import type { Http, HttpRequest } from '@/lib/workspace/http';

/** A server whose answers the test releases by hand; counts what is open at once, per origin. */
function heldServer() {
  const open = new Map<string, number>();
  const most = new Map<string, number>();
  const pending: Array<{ req: HttpRequest; answer(): void }> = [];
  const http: Http = (req) =>
    new Promise((resolve) => {
      const origin = new URL(req.url).origin;
      open.set(origin, (open.get(origin) ?? 0) + 1);
      most.set(origin, Math.max(most.get(origin) ?? 0, open.get(origin)!));
      pending.push({
        req,
        answer() {
          open.set(origin, open.get(origin)! - 1);
          resolve({ status: 201, header: () => null, body: new Uint8Array() });
        },
      });
    });
  const answer = (url: string) => {
    const i = pending.findIndex((p) => p.req.url === url);
    if (i < 0) throw new Error(`${url} was not sent`);
    pending.splice(i, 1)[0]!.answer();
  };
  return { http, open, most, pending, answer };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('limitedPerHost', () => {
  it('lets uploads and thumbnails together open no more than six requests to one server', async () => {
    const server = heldServer();
    const http = limitedPerHost(server.http);
    const uploads = Array.from({ length: 10 }, (_, i) => http({ method: 'PUT', url: `https://dav.example/images/${i}` }));
    const thumbs = Array.from({ length: 10 }, (_, i) => http({ method: 'GET', url: `https://dav.example/thumbs/${i}` }));
    await settle();
    expect(server.open.get('https://dav.example')).toBe(IN_FLIGHT);
    while (server.pending.length) {
      server.answer(server.pending[0]!.req.url);
      await settle();
    }
    await Promise.all([...uploads, ...thumbs]);
    expect(server.most.get('https://dav.example')).toBe(IN_FLIGHT);
  });

  it('starts the next request as soon as any place frees: one slow request holds up no other', async () => {
    const server = heldServer();
    const http = limitedPerHost(server.http);
    const all = Array.from({ length: 8 }, (_, i) => http({ method: 'GET', url: `https://dav.example/${i}` }));
    await settle();
    // Request 0 never answers here; the five beside it answer, and both waiting ones start.
    for (let i = 1; i < 6; i++) server.answer(`https://dav.example/${i}`);
    await settle();
    expect(server.pending.map((p) => p.req.url).sort()).toEqual(['https://dav.example/0', 'https://dav.example/6', 'https://dav.example/7']);
    server.answer('https://dav.example/6');
    server.answer('https://dav.example/7');
    await Promise.all(all.slice(1));
    server.answer('https://dav.example/0');
    await all[0];
  });

  it('gives each server its own places', async () => {
    const server = heldServer();
    const http = limitedPerHost(server.http);
    for (let i = 0; i < 8; i++) void http({ method: 'GET', url: `https://a.example/${i}` });
    for (let i = 0; i < 8; i++) void http({ method: 'GET', url: `https://b.example/${i}` });
    await settle();
    expect([server.open.get('https://a.example'), server.open.get('https://b.example')]).toEqual([IN_FLIGHT, IN_FLIGHT]);
  });
});

describe('eachLimited', () => {
  it('starts no new work after a failure and throws it once the running work has settled', async () => {
    const started: number[] = [];
    let runningAtThrow = -1;
    let running = 0;
    const error = new Error('the server is full');
    await expect(
      eachLimited(
        Array.from({ length: 20 }, (_, i) => i),
        async (i) => {
          started.push(i);
          running++;
          await settle();
          if (i === 2) {
            runningAtThrow = running;
            running--;
            throw error;
          }
          await settle();
          running--;
        },
        3,
      ),
    ).rejects.toBe(error);
    expect(runningAtThrow).toBe(3);
    expect(running).toBe(0);
    expect(started).toEqual([0, 1, 2]);
  });

  it('keeps at most `window` items in hand and does them all, in order of start', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await eachLimited(
      Array.from({ length: 9 }, (_, i) => i),
      async (i) => {
        running++;
        most = Math.max(most, running);
        await settle();
        running--;
        done.push(i);
      },
      4,
    );
    expect(most).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
