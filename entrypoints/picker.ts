import { clipToViewport, defaultRegion, dragRect, MIN_REGION, nudgeRegion, walk, WALK_KEYS, type TreeNav, type WalkKey } from '@/lib/capture/crop';
import type { Rect } from '@/lib/schemas';
import { PICKER_HANDLE, type CancelReason, type PickMode, type PickOutcome, type PickerHandle, type PickerKey } from '@/lib/capture/pick';

// The element and region picker. Injected on demand by the background (scripting.executeScript,
// into the extension's isolated world; never a content script on every page). Installing it only
// defines a handle in that world: nothing touches the page until start() is called; its node
// and timer are removed before its promise settles and its listeners two frames later, so Esc
// leaves the page exactly as it was.

const TIMEOUT_MS = 4 * 60_000; // under Chrome's 5-minute limit for the request that waits on it
const ACCENT = '#ff00c8'; // a colour pages rarely use, so a stray overlay pixel would be noticed

export default defineUnlistedScript(() => {
  const world = globalThis as unknown as Record<string, PickerHandle | undefined>;
  if (world[PICKER_HANDLE]) return;
  let active: { key(k: PickerKey): boolean; cancel(reason: CancelReason): void } | null = null;
  world[PICKER_HANDLE] = {
    start(mode) {
      active?.cancel('replaced');
      return new Promise<PickOutcome>((resolve) => {
        active = startPicker(mode, (outcome) => {
          active = null;
          resolve(outcome);
        });
      });
    },
    key: (k) => active?.key(k) ?? false,
  };
});

function startPicker(mode: PickMode, done: (outcome: PickOutcome) => void) {
  const abort = new AbortController();
  const viewport = () => ({ width: innerWidth, height: innerHeight });
  const host = document.createElement('mystery-shopper-picker');
  // Inline !important beats any page rule; fixed, full-viewport and in the top layer (a popover)
  // so that the page's own layout, stacking and dialogs are not disturbed.
  host.setAttribute('popover', 'manual');
  host.style.cssText = [
    'all:initial', 'position:fixed', 'inset:0', 'width:100vw', 'height:100vh', 'margin:0', 'padding:0', 'border:0',
    'background:transparent', 'overflow:visible', 'z-index:2147483647', 'display:block',
    `pointer-events:${mode === 'region' ? 'auto' : 'none'}`, `cursor:${mode === 'region' ? 'crosshair' : 'default'}`,
  ].map((d) => `${d} !important`).join(';');
  const root = host.attachShadow({ mode: 'closed' });
  // Built from nodes, not innerHTML: the store linters flag any innerHTML assignment in a script
  // that runs in pages, and nothing here needs markup parsing.
  const style = document.createElement('style');
  style.textContent = `
    .box{position:fixed;box-sizing:border-box;border:2px solid ${ACCENT};background:rgba(255,0,200,.12);pointer-events:none}
    .region .box{background:transparent;box-shadow:0 0 0 100vmax rgba(20,18,14,.45);border-style:dashed}
    .tip{position:fixed;left:12px;bottom:12px;max-width:calc(100vw - 48px);font:13px/1.4 system-ui,sans-serif;color:#fff;
      background:#1d1b16;padding:6px 10px;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.3);pointer-events:none}
    .tip b{color:#ffb3ec;font-weight:600} .what{display:block;font-family:ui-monospace,monospace;color:#ffd6f3}`;
  const frame = el('div', mode);
  const box = el('div', 'box');
  const tip = el('p', 'tip');
  tip.setAttribute('role', 'status');
  frame.append(box, tip);
  root.append(style, frame);
  const what = el('span', 'what');
  const [verb, help] =
    mode === 'element'
      ? ['Pick an element', ' · ↑ parent · ↓ child · ← → siblings · Enter or click selects · Esc cancels']
      : ['Drag a region', ' · arrows move · Shift+arrows resize · Enter selects · Esc cancels'];
  const bold = document.createElement('b');
  bold.textContent = verb;
  tip.append(what, bold, help);
  document.documentElement.append(host);
  try {
    host.showPopover();
  } catch {
    // No popover support (older browsers): the fixed host with the top z-index still shows.
  }

  const timer = setTimeout(() => cancel('timeout'), TIMEOUT_MS);
  let settled = false;
  function teardown() {
    settled = true;
    clearTimeout(timer);
    host.remove();
    // The listeners outlive the overlay by two frames: the rest of the gesture that ended the
    // pick (the click after a pointerup, the keyup after Esc) must not reach the page either.
    void twoFrames().then(() => abort.abort());
  }
  function cancel(reason: CancelReason) {
    if (settled) return;
    teardown();
    done({ kind: 'cancelled', reason });
  }
  /** rectOf may scroll the page; it is asked again once the page has settled. */
  async function select(rectOf: () => Rect) {
    if (settled) return;
    teardown();
    rectOf();
    // The overlay must be gone from the pixels: wait until a frame without it was painted.
    await twoFrames();
    const { rect, clipped } = clipToViewport(rectOf(), viewport());
    done({ kind: 'picked', rect, clipped, viewport: viewport(), devicePixelRatio: devicePixelRatio });
  }
  function draw(r: Rect) {
    Object.assign(box.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.w}px`, height: `${r.h}px` });
  }

  // Only the shopper drives the picker: an event the page made up (dispatchEvent, el.click()) is
  // not trusted, and must neither pick, nor cancel, nor be swallowed away from the page's own code.
  const on = <K extends keyof WindowEventMap>(type: K, fn: (e: WindowEventMap[K]) => void) =>
    addEventListener(type, (e) => e.isTrusted && fn(e), { capture: true, signal: abort.signal });
  // The page must not react to the clicks and keys that drive the picker (no link followed).
  const swallow = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  // The modes' own listeners first: swallowing stops any listener registered after it.
  const controls = mode === 'element' ? elementMode() : regionMode();
  for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'auxclick', 'dblclick', 'contextmenu'] as const) on(type, swallow);
  on('keydown', (e) => {
    if (controls.key({ key: e.key, shift: e.shiftKey, alt: e.altKey })) swallow(e);
  });
  on('keyup', (e) => {
    if (e.key === 'Enter' || e.key === 'Escape' || WALK_KEYS.includes(e.key as WalkKey)) swallow(e);
  });
  return { key: controls.key, cancel };

  function elementMode() {
    const nav: TreeNav<Element> = {
      parent: (el) => el.parentElement,
      children: (el) => Array.from(el.children),
      pickable: (el) => el !== host && el.getClientRects().length > 0 && hasArea(boxOf(el)),
    };
    const body = document.body ?? document.documentElement;
    const focused = document.activeElement;
    // Keyboard first: start on what has the focus, else the page's first visible block.
    let current: Element =
      focused && focused !== body && focused !== document.documentElement && nav.pickable(focused)
        ? focused
        : (nav.children(body).find(nav.pickable) ?? body);
    const show = () => {
      const r = boxOf(current);
      draw(r);
      what.textContent = `${describe(current)} · ${Math.round(r.w)}×${Math.round(r.h)}`;
    };
    const pick = (el: Element | null) => {
      if (el && el !== current && nav.pickable(el)) {
        current = el;
        show();
      }
    };
    show();
    on('pointermove', (e) => pick(document.elementFromPoint(e.clientX, e.clientY)));
    on('click', (e) => {
      if (e.button !== 0) return;
      swallow(e);
      pick(document.elementFromPoint(e.clientX, e.clientY));
      void select(() => bringIntoView(current));
    });
    on('scroll', show);
    on('resize', show);
    return {
      key({ key }: PickerKey) {
        if (key === 'Escape') cancel('user');
        else if (key === 'Enter') void select(() => bringIntoView(current));
        else if (WALK_KEYS.includes(key as WalkKey)) {
          current = walk(nav, current, key as WalkKey, body);
          current.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
          show();
        } else return false;
        return true;
      },
    };
  }

  function regionMode() {
    let rect = defaultRegion(viewport());
    let from: { x: number; y: number } | null = null;
    const show = () => {
      draw(rect);
      what.textContent = `${Math.round(rect.w)}×${Math.round(rect.h)}`;
    };
    show();
    // Pointer events: the picker cancels pointerdown, which stops the page's mouse events.
    on('pointerdown', (e) => {
      if (e.button !== 0) return;
      from = { x: e.clientX, y: e.clientY };
      rect = dragRect(from, from, viewport());
      show();
    });
    on('pointermove', (e) => {
      if (!from) return;
      rect = dragRect(from, { x: e.clientX, y: e.clientY }, viewport());
      show();
    });
    on('pointerup', (e) => {
      if (!from) return;
      rect = dragRect(from, { x: e.clientX, y: e.clientY }, viewport());
      from = null;
      // A click without a drag keeps the last rectangle rather than capturing a sliver.
      if (rect.w >= MIN_REGION && rect.h >= MIN_REGION) void select(() => rect);
      else show();
    });
    on('resize', () => {
      rect = clipToViewport(rect, viewport()).rect;
      show();
    });
    return {
      key({ key, shift, alt }: PickerKey) {
        if (key === 'Escape') cancel('user');
        else if (key === 'Enter') void select(() => rect);
        else if (WALK_KEYS.includes(key as WalkKey)) {
          rect = nudgeRegion(rect, key as WalkKey, { resize: shift, big: alt }, viewport());
          show();
        } else return false;
        return true;
      },
    };
  }
}

/** Where an element is in the viewport. The one place the DOM's rect (width, height) enters: past here every rect is lib's Rect (w, h). */
function boxOf(el: Element): Rect {
  const { x, y, width, height } = el.getBoundingClientRect();
  return { x, y, w: width, h: height };
}

const hasArea = (r: Rect) => r.w > 0 && r.h > 0;

/** Scrolls a partly hidden element into view, then says where it is. */
function bringIntoView(el: Element): Rect {
  const r = boxOf(el);
  const inside = r.y >= 0 && r.x >= 0 && r.y + r.h <= innerHeight && r.x + r.w <= innerWidth;
  // Taller than the window: its top goes to the top, and the rest is clipped (and said so).
  if (!inside) el.scrollIntoView({ block: r.h > innerHeight ? 'start' : 'nearest', inline: 'nearest', behavior: 'instant' });
  return boxOf(el);
}

function describe(el: Element): string {
  const id = el.id ? `#${el.id}` : '';
  const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
  return `${el.localName}${id}${cls}`.slice(0, 80);
}

/** Two animation frames (the second starts after the first was painted), or a short wait in a hidden tab. */
function twoFrames(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 250);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(fallback);
        resolve();
      }),
    );
  });
}

function el(tag: 'div' | 'p' | 'span', className: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}
