import { useEffect, useRef } from 'preact/hooks';
import type { PickMode } from '@/lib/capture/pick';

export interface PickStatusProps {
  /** The picker open in the page, if any. */
  mode: PickMode | null;
  /** How the last pick ended, when it needs saying (cancelled, clipped). */
  notice: string | null;
  onCancel(): void;
  onDismiss(): void;
}

const HOW: Record<PickMode, string> = {
  element: 'Pick an element in the page: ↑ parent, ↓ child, ← → siblings, Enter or click selects, Esc cancels.',
  region: 'Drag a region in the page, or move it with the arrows (Shift+arrows resize) and press Enter. Esc cancels.',
};

/**
 * While the picker is open the page usually does not have the keyboard focus; this status
 * takes it, and the panel hands arrows, Enter and Esc on to the picker.
 */
export function PickStatus({ mode, notice, onCancel, onDismiss }: PickStatusProps) {
  const text = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (mode) text.current?.focus();
  }, [mode]);
  if (!mode && !notice) return null;
  return (
    <div class="pick-status" role="status">
      <p ref={text} tabIndex={-1}>
        {mode ? HOW[mode] : notice}
      </p>
      <button type="button" class="link" onClick={mode ? onCancel : onDismiss}>
        {mode ? 'Cancel picking' : 'OK'}
      </button>
    </div>
  );
}
