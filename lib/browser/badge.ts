import { liveQuery } from 'dexie';
import type { AppDB } from '../db';
import { activeSession } from '../db/queries';
import { toAppError, type AppError } from '../errors';

// The toolbar button's badge and tooltip: the one place that says, outside every page of ours,
// that a session is recording. The background starts it (toolbarStatus); this module decides,
// draws, and follows the database and the shortcuts.

/** The part of chrome.action (browserAction in Firefox MV2) that the badge needs. */
export interface ToolbarButton {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
  /** Chrome 110+, Firefox 63+; optional so that an older surface still gets the text. */
  setBadgeTextColor?(details: { color: string }): Promise<void>;
}

export interface ToolbarState {
  /** Title of the session being recorded, or null when none is. */
  recording: string | null;
  /** A capture from a keyboard shortcut failed and nobody has seen why yet. */
  failed: boolean;
}

export interface BadgeLook {
  text: string;
  color: string;
  title: string;
}

const NAME = 'Mystery Shopper';
// Red like a camera's tally light; white text on it passes 4.5:1.
export const RECORDING_COLOR = '#c62828';
const FAILED_COLOR = '#b42318';

/** A failure outranks recording: it is what the shopper must act on. */
export function badgeLook(state: ToolbarState): BadgeLook {
  if (state.failed) return { text: '!', color: FAILED_COLOR, title: `${NAME}: the last shortcut capture failed (open the side panel to see why)` };
  if (state.recording !== null) return { text: 'REC', color: RECORDING_COLOR, title: `${NAME}: recording “${state.recording}”` };
  return { text: '', color: RECORDING_COLOR, title: NAME };
}

/**
 * Keeps the button in step with the state. Calls are chained so that a quick pause-resume
 * never ends with the older look drawn last.
 */
export function toolbarBadge(button: ToolbarButton) {
  const state: ToolbarState = { recording: null, failed: false };
  let drawing = Promise.resolve();
  function draw() {
    const look = badgeLook(state);
    drawing = drawing
      .then(async () => {
        await button.setBadgeBackgroundColor({ color: look.color });
        await button.setBadgeTextColor?.({ color: '#ffffff' });
        await button.setBadgeText({ text: look.text });
        await button.setTitle({ title: look.title });
      })
      .catch(() => undefined); // a closed browser window is no reason to stop drawing the next state
    return drawing;
  }
  return {
    recording(title: string | null) {
      state.recording = title;
      return draw();
    },
    failed() {
      state.failed = true;
      return draw();
    },
    /** A later shortcut capture worked: the failure is no longer news. */
    succeeded() {
      state.failed = false;
      return draw();
    },
  };
}

/**
 * Starts the button: REC while a session records (from every start of the worker on, since the
 * query runs at once), followed for the worker's whole life. Returns how shortcuts run their
 * capture: a failure is passed to `tell` (a shortcut has no page of its own to answer, so open
 * pages hear it) and shows '!' until a later shortcut capture succeeds.
 */
export function startToolbarBadge(db: AppDB, button: ToolbarButton, tell: (error: AppError) => void) {
  const badge = toolbarBadge(button);
  liveQuery(() => activeSession(db)).subscribe({ next: (s) => void badge.recording(s?.title ?? null), error: () => undefined });
  return async (capture: () => Promise<unknown>) => {
    try {
      await capture();
      await badge.succeeded();
    } catch (e) {
      tell(toAppError(e));
      await badge.failed();
    }
  };
}
