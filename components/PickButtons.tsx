import type { PickMode } from '@/lib/capture/pick';

/** Element and region capture, among the capture bar's other modes. */
export function PickButtons({ disabled, onPick }: { disabled: boolean; onPick(mode: PickMode): void }) {
  return (
    // Their own row under the whole-page modes: four buttons in one row would not fit a side panel.
    <div class="pick-modes">
      <button type="button" onClick={() => onPick('element')} disabled={disabled} title="Pick one element of the page: a close-up">
        Element
      </button>
      <button type="button" onClick={() => onPick('region')} disabled={disabled} title="Drag a rectangle over the page">
        Region
      </button>
    </div>
  );
}
