import { browser } from 'wxt/browser';
import { AppFailure, errorText } from '../errors';
import { classifyScriptingError } from '../capture/restricted';
import { PICKER_HANDLE, type PickMode, type PickerHandle, type PickerKey } from '../capture/pick';

// The seam between the background and the picker in the page (entrypoints/picker.ts). The
// script is injected on demand into the extension's isolated world of the top frame; injecting
// it again is harmless (it installs its handle once).

type World = Record<string, PickerHandle | undefined>;

/**
 * Shows the picker and resolves with its answer once the shopper picked or cancelled (the
 * pending call keeps the worker alive; the picker gives up before Chrome's 5-minute limit).
 * Undefined when the page went away meanwhile.
 */
export async function runPicker(tabId: number, mode: PickMode): Promise<unknown> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ['/picker.js'] });
  } catch (e) {
    throw new AppFailure(classifyScriptingError(errorText(e), undefined));
  }
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: (handle: string, m: PickMode) => (globalThis as unknown as World)[handle]?.start(m),
      args: [PICKER_HANDLE, mode],
    });
    return result?.result;
  } catch {
    // The frame was replaced (a navigation, a closed tab) before the shopper chose.
    return undefined;
  }
}

/** Hands a key pressed in the panel to the tab's open picker; false when none took it. */
export async function sendPickerKey(tabId: number, key: PickerKey): Promise<boolean> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: (handle: string, k: PickerKey) => (globalThis as unknown as World)[handle]?.key(k) ?? false,
      args: [PICKER_HANDLE, key],
    });
    return result?.result === true;
  } catch {
    return false;
  }
}
