import { beforeAll, it } from 'vitest';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { auditFixture, readStore, type Audit } from './harness';
import { startSession } from './panel';
const PDF = `%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj
trailer<</Root 1 0 R>>
%%EOF
`;
const audit = auditFixture({ slowMs: 300, extraFiles: { '/terms.pdf': { type: 'application/pdf', body: PDF } } });
let { shop, ext, shopPage, panel } = {} as Audit;
beforeAll(() => void ({ shop, ext, shopPage, panel } = audit));
it('debug', async () => {
  await startSession(panel, { title: 'dbg' });
  const tabId = await panel.evaluate(() => Number(new URLSearchParams(location.search).get('tab')));
  for (const url of [`view-source:${shop.url('help.html')}`, pathToFileURL(fileURLToPath(new URL('../demo-shop/help.html', import.meta.url))).href]) {
    await shopPage.goto(url, { waitUntil: 'commit', timeout: 5000 }).catch((e) => console.log('goto', String(e).slice(0, 200)));
    await new Promise((r) => setTimeout(r, 1000));
    const out = await panel.evaluate(async (tabId) => {
      const t = <T,>(p: Promise<T>) => Promise.race([p, new Promise((r) => setTimeout(() => r('TIMEOUT'), 3000))]);
      const tab = await chrome.tabs.get(tabId);
      const frame = await chrome.webNavigation.getFrame({ tabId, frameId: 0 });
      let probe: unknown;
      try { probe = await t(chrome.scripting.executeScript({ target: { tabId }, func: () => ({ href: location.href, ct: document.contentType }) })); } catch (e) { probe = 'ERR ' + String(e); }
      let cap: unknown;
      try { cap = await t(chrome.tabs.captureVisibleTab(tab.windowId, { format: 'jpeg' }).then((x) => x.length)); } catch (e) { cap = 'ERR ' + String(e); }
      const reply = await t(chrome.runtime.sendMessage({ channel: 'mystery-shopper', name: 'step.capture', payload: { tabId } }));
      return { frame, url: tab.url, pendingUrl: tab.pendingUrl, status: tab.status, probe, cap, reply: JSON.stringify(reply).slice(0, 300) };
    }, tabId);
    console.log(JSON.stringify(out, null, 1));
  }
});
