import { browser, type Browser } from 'wxt/browser';
import { getDb } from '@/lib/db';
import { popupState } from '@/lib/db/queries';
import { liveQuery } from 'dexie';
import { AppFailure, toAppError } from '@/lib/errors';
import { type AppEvent, type PageDescription } from '@/lib/messages';
import { isRequest, routeRequest, type Handlers } from '@/lib/router';
import { LONG_REQUEST_PORT, serveLongRequest, type PortLike } from '@/lib/channel';
import { rememberAuditedTab, setAutoCapture } from '@/lib/session/tabs';
import { runAgain, setSessionStatus, startSession, updateSession } from '@/lib/session/lifecycle';
import { updateStep } from '@/lib/step/update';
import { addTextStep, reorderSteps } from '@/lib/step/edits';
import { restoreTrash, trashPurger, trashSession, trashStep } from '@/lib/step/trash';
import { startAutoCapture } from '@/lib/browser/auto-capture';
import { captureVisibleStep, type CaptureDeps, type CaptureTarget } from '@/lib/capture/pipeline';
import { asStored, drawThumbnail, THUMB_WIDTH } from '@/lib/capture/encode';
import { createThumbnailer } from '@/lib/capture/thumbnails';
import { timed } from '@/lib/capture/marks';
import { captureVisibleTab, getTab, pagePixels, probePage } from '@/lib/browser/tabs';
import { captureElementStep, cropAndEncode, type ElementCaptureDeps, type ElementTarget } from '@/lib/capture/element';
import { runPicker, sendPickerKey } from '@/lib/browser/picker';
import { captureFullPageStep, type FullPageDeps, type FullPageOptions } from '@/lib/capture/full-page-step';
import { createStitcher } from '@/lib/capture/stitch';
import { captureTarget as targetOf, MOVED, visibleIn } from '@/lib/capture/target';
import { acceptFullPageWatches, pageSeam } from '@/lib/browser/page';
import { newId } from '@/lib/ids';
import { readBundle } from '@/lib/bundle/import';
import { decodeWithBitmap } from '@/lib/bundle/decode';
import { importIntoDb } from '@/lib/bundle/write';
import { deleteRubric, saveRubric } from '@/lib/rubric/store';
import { followSessions } from '@/lib/db/summaries';
import { tabLock } from '@/lib/capture/tab-lock';
import { shortcutTab } from '@/lib/browser/shortcut';
import { saveAnnotations } from '@/lib/capture/annotate';
import { paintScreenshot } from '@/lib/capture/burn';
import { ensureRoom, readDiskRoom, roomCheck, setReserveMb } from '@/lib/browser/storage';
import { opfsImageFiles, opfsSafetyStore } from '@/lib/browser/opfs';
import { attachImageFiles } from '@/lib/storage/images';
import { safetyNet } from '@/lib/storage/safety-net';

const THUMBNAIL_SWEEP_DELAY_MS = 3_000;
import { startToolbarBadge } from '@/lib/browser/badge';
import { workspaceService } from '@/lib/workspace/service';
import { fetchHttp } from '@/lib/workspace/http';
import { guardReadOnly } from '@/lib/workspace/guard';

// Wiring only: browser events in, lib/ functions out. Nothing is kept in module state that
// matters after this worker is stopped; every write is committed before a reply is sent.

export default defineBackground(() => {
  const db = getDb();
  const clock = { now: () => Date.now(), newId };
  // Images live once, as files beside the safety journal (lib/storage/images.ts, safety-net.ts).
  attachImageFiles(db, opfsImageFiles());
  const safety = safetyNet(db, opfsSafetyStore(), clock.now, (what, e) => console.warn(what, e));

  // Thumbnails are drawn after the capture's reply; any a stopped worker left undone are made
  // shortly after this start (not at once: a worker woken by a capture serves the capture first).
  const thumbnails = createThumbnailer(db, { drawThumb: drawThumbnail, now: clock.now });
  setTimeout(() => void safety.sweep().catch(() => undefined).then(() => thumbnails.sweep()).catch(() => undefined), THUMBNAIL_SWEEP_DELAY_MS);

  const captureDeps: CaptureDeps = {
    probePage,
    captureVisibleTab,
    // Stored as Chrome captured it, JPEG q85, sized from its header: no decode and no second
    // lossy pass before the reply (WebP from a PNG capture is half the bytes but adds ~100 ms;
    // see bench/formats.mjs).
    stored: asStored,
    thumbnailsLater: thumbnails.later,
    // Once: the image files are the safety copy's too (README, Nothing is lost).
    ensureRoom,
    roomCheck,
    ...clock,
  };

  const fullPageDeps: FullPageDeps = { ...captureDeps, page: pageSeam, stitcher: createStitcher };
  // A page under a full-page capture holds a port to this worker, and puts itself back when it closes.
  acceptFullPageWatches();

  // Refused at once when the disk is already inside its reserve, not after a long full page.
  const captureTarget = async (tabId: number, sessionId?: string) =>
    (await Promise.all([targetOf(db, getTab, tabId, sessionId), ensureRoom(0)]))[0];

  async function captureTab(tabId: number, sessionId?: string, windowId?: number, preview?: CaptureTarget['preview'], pixels?: () => Promise<string | null>) {
    return timed('handler', async () => {
      if (sessionId === undefined || windowId === undefined) return captureVisibleStep(db, captureDeps, await captureTarget(tabId, sessionId));
      // The panel and the popup name the session and the window: nothing but the capture stands
      // before it, and the tab is checked beside it.
      void rememberAuditedTab(db, sessionId, tabId).catch(() => undefined);
      const tab = getTab(tabId);
      try {
        // The panel took the pixels itself at the click (it has them already: no preview back).
        const deps = pixels ? { ...captureDeps, captureVisibleTab: pagePixels(pixels) } : captureDeps;
        return await captureVisibleStep(db, deps, { sessionId, tabId, windowId, check: tab.then((t) => visibleIn(t, windowId)), ...(pixels ? {} : { preview }) });
      } catch (e) {
        // The tab moved to another window since the page looked: capture it where it is now.
        if (e !== MOVED) throw e;
        return captureVisibleStep(db, captureDeps, await captureTarget(tabId, sessionId));
      }
    });
  }

  const fullPageLock = tabLock({ kind: 'capture-failed', detail: 'a full-page capture of this tab is already running' });
  async function captureFullPage(tabId: number, sessionId: string | undefined, options: FullPageOptions) {
    return fullPageLock(tabId, async () => captureFullPageStep(db, fullPageDeps, await captureTarget(tabId, sessionId), options));
  }

  const elementDeps: ElementCaptureDeps = {
    ...captureDeps,
    pick: runPicker,
    encodeCrop: (raw, rect, viewport, dpr) => cropAndEncode(raw, rect, viewport, dpr, THUMB_WIDTH),
  };

  async function captureElement(p: Omit<ElementTarget, 'windowId'>, preview?: CaptureTarget['preview']) {
    return captureElementStep(db, elementDeps, { ...p, ...(await captureTarget(p.tabId, p.sessionId)), ...(preview ? { preview } : {}) });
  }

  // Listeners are added now, at the worker's start, so that a navigation wakes a stopped worker.
  const auto = startAutoCapture({
    db,
    ownOrigin: browser.runtime.getURL('/'),
    ...clock,
    capture: (tabId, sessionId) => captureTab(tabId, sessionId),
    skipped: (url, error) => broadcast({ channel: 'mystery-shopper-event', event: 'auto.skipped', url, error }),
  });

  async function describePage(tabId: number): Promise<PageDescription> {
    try {
      // The panel asks on every load of the tab: no vitals script for a description.
      const probe = await probePage(tabId, { context: false });
      return { ...probe, problem: null };
    } catch (e) {
      // The probe looked the tab up already; only a refusal needs its URL and title (a closed tab throws here).
      const tab = await getTab(tabId);
      return { url: tab.url ?? '', title: tab.title ?? '', viewport: null, devicePixelRatio: null, problem: toAppError(e) };
    }
  }

  // Deleted things wait in the trash for the undo window; the purge removes their image files and
  // the safety journal forgets them. The journal follows the same changes as the library's summaries.
  const trash = trashPurger(db, clock.now, safety.forget);
  const summaries = followSessions(db, () => void safety.sync());
  // Team workspace: its settings (the app password with them) stay in storage.local on this device.
  const workspace = workspaceService({
    db,
    http: fetchHttp(),
    ...clock,
    appVersion: browser.runtime.getManifest().version,
    decode: decodeWithBitmap,
    ensureRoom,
    store: {
      get: async () => (await browser.storage.local.get('workspace')).workspace,
      set: (config) => browser.storage.local.set({ workspace: config }),
      remove: () => browser.storage.local.remove('workspace'),
    },
  });
  // Queued work resumes at the worker's start; edits to published sessions and purged trash (a
  // published session's tombstone) queue more.
  liveQuery(() => Promise.all([db.sessions.orderBy('updatedAt').keys(), db.trash.toCollection().primaryKeys()])).subscribe({
    next: () => void workspace.kick(),
    error: () => undefined,
  });

  const handlers: Handlers = guardReadOnly({
    'session.start': async (p) => {
      const session = await startSession(db, p, p.environment, clock);
      if (session.autoCapture && session.tabId !== null && session.tabId !== undefined) await auto.armCurrent(session.tabId);
      else if (session.tabId !== null && session.tabId !== undefined) await auto.watchCurrent(session.tabId);
      return session;
    },
    'session.setAutoCapture': async (p) => {
      const session = await setAutoCapture(db, p.sessionId, p, clock.now());
      if (p.on) await auto.armCurrent(p.tabId);
      return session;
    },
    'session.setStatus': (p) => setSessionStatus(db, p.sessionId, p.status, clock.now()),
    'session.update': (p) => updateSession(db, p.sessionId, p.patch, clock.now()),
    'session.delete': (p) => trashSession(db, p.sessionId, clock.now(), newId).then(trash.afterDelete),
    'step.capture': (p, extras) => captureTab(p.tabId, p.sessionId, p.windowId, extras.preview, p.pixels === 'page' ? extras.pixels : undefined),
    'step.captureElement': (p, extras) => captureElement(p, extras.preview),
    'step.pickKey': (p) => sendPickerKey(p.tabId, { key: p.key, shift: p.shift, alt: p.alt }),
    'step.captureFullPage': (p, extras) => captureFullPage(p.tabId, p.sessionId, { method: p.method, ...extras }),
    'step.update': (p) => updateStep(db, p.stepId, p.patch, clock.now()),
    'step.delete': (p) => trashStep(db, p.stepId, clock.now(), newId).then(trash.afterDelete),
    'trash.restore': (p) => restoreTrash(db, p.trashId, clock.now()),
    'library.refresh': async () => ({ changed: await summaries.refresh() }),
    // Summaries first, so the step count and score include the write that just happened.
    'popup.state': async () => (await summaries.refresh(), popupState(db)),
    'steps.reorder': (p) => reorderSteps(db, p.sessionId, p.orderedStepIds, clock.now()),
    'step.addText': (p) => addTextStep(db, p, clock),
    'session.runAgain': ({ sessionId, environment, ...input }) => runAgain(db, sessionId, input, environment, clock),
    'page.describe': (p) => describePage(p.tabId),
    'bundle.import': async (p, extras) => {
      // A zip of JPEGs barely compresses, so its size is what the import writes.
      await ensureRoom(p.bytes.byteLength);
      return importIntoDb(db, await readBundle(p.bytes, { decode: decodeWithBitmap, signal: extras.signal, onProgress: extras.progress }), newId, clock.now());
    },
    'storage.room': () => readDiskRoom(),
    'storage.setReserve': (p) => setReserveMb(p.mb),
    'safety.status': async () => ({ missing: await safety.missing() }),
    'safety.restore': async () => (await safety.restore(ensureRoom)) ?? Promise.reject(new AppFailure({ kind: 'not-found', what: 'safety copy' })),
    'rubric.save': (p) => saveRubric(db, p, clock.now()),
    'rubric.delete': (p) => deleteRubric(db, p.rubricId).then(() => null),
    'screenshot.annotate': (p) => saveAnnotations(db, { paint: paintScreenshot, now: clock.now }, p),
    'workspace.test': (p) => workspace.test({ ...p, memberName: '' }),
    'workspace.connect': (p) => workspace.connect(p),
    'workspace.disconnect': () => workspace.disconnect(),
    'workspace.info': () => workspace.info(),
    'workspace.publish': (p) => workspace.publish(p.sessionIds),
    'workspace.pull': (p) => workspace.pull(p.ifOlderThanMs),
    'workspace.open': (p) => workspace.open(p.sessionId),
    'workspace.thumb': (p) => workspace.thumb(p.sessionId, p.sha256),
    'workspace.copy': (p) => workspace.copy(p.sessionId),
    'workspace.cancel': async () => workspace.cancel(),
    'workspace.retry': () => workspace.retry(),
  }, workspace.guard);

  const ctx = { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    if (!isRequest(raw)) return undefined;
    routeRequest(raw, sender, handlers, ctx).then(sendResponse);
    return true; // the reply is asynchronous
  });

  // Long requests (full page, bundle import) come over a port: progress, cancel, bytes in chunks.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === LONG_REQUEST_PORT) serveLongRequest(port as unknown as PortLike, handlers, ctx);
  });

  function broadcast(event: AppEvent) {
    // No page may be open to hear it; that is fine, the badge still tells the shopper.
    browser.runtime.sendMessage(event).catch(() => undefined);
  }

  const ownOrigin = ctx.extensionOrigin;

  // Manifest V2 (Firefox) calls the toolbar button browserAction.
  const button = (browser.action ?? (browser as any).browserAction) as typeof browser.action;
  // REC on it while a session records; '!' after a failed shortcut capture, whose error open pages hear.
  const shortcut = startToolbarBadge(db, button, (error) => broadcast({ channel: 'mystery-shopper-event', event: 'capture.failed', error }));

  // Plain functions, so that the e2e build can hand them to tests (below).
  const commands: Record<string, (tab?: Browser.tabs.Tab) => Promise<void>> = {
    'capture-step': (tab) => shortcut(async () => captureTab(await shortcutTab(tab, ownOrigin))),
    'capture-full-page': (tab) => shortcut(async () => captureFullPage(await shortcutTab(tab, ownOrigin), undefined, { method: 'auto' })),
  };
  browser.commands.onCommand.addListener((command, tab) => {
    void commands[command]?.(tab);
  });
  // Headless Chromium cannot press a browser shortcut, so e2e tests call these handlers through
  // the worker. Only the test build (`wxt build --mode e2e`) exposes them: in the store build the
  // condition is false at build time and the line is dropped (tests/e2e/store-build.test.ts).
  if (import.meta.env.MODE === 'e2e') (globalThis as { mysteryShopperTestHooks?: unknown }).mysteryShopperTestHooks = { commands };

  // The toolbar button shows the popup (capture, pause/resume, open the side panel or the
  // dashboard; see README). Chrome keeps a panel behaviour across updates, so 0.1.0's
  // open-on-click is switched off explicitly, or it would hide the popup.
  const sidePanel = (browser as any).sidePanel;
  if (sidePanel?.setPanelBehavior) {
    sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
  }
});
