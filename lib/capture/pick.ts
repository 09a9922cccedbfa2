import type { Rect, Size } from '../schemas';

// What the injected picker (entrypoints/picker.ts) and the background say to each other. Types
// and one name only: the picker bundles whatever this file imports.

export type PickMode = 'element' | 'region';

/** Where the picker keeps its handle, in the extension's isolated world of the page. */
export const PICKER_HANDLE = '__mysteryShopperPicker';

export type PickOutcome =
  | { kind: 'picked'; rect: Rect; clipped: boolean; viewport: Size; devicePixelRatio: number }
  | { kind: 'cancelled'; reason: CancelReason };

/** Why no capture was made: Esc, no choice in time, another picker started, the page went away. */
export type CancelReason = 'user' | 'timeout' | 'replaced' | 'page-left';

export interface PickerKey {
  key: string;
  shift: boolean;
  alt: boolean;
}

export interface PickerHandle {
  /** Shows the picker; settles once the shopper selected (overlay gone, frame painted) or cancelled. */
  start(mode: PickMode): Promise<PickOutcome>;
  /** A key pressed in the side panel while the page has no focus; true when the picker used it. */
  key(k: PickerKey): boolean;
}
