import type { TargetedKeyboardEvent } from 'preact';
import { useId, useRef } from 'preact/hooks';

export interface ScaleOption<V> {
  value: V;
  /** Short text on the button, e.g. "3" or "N/A". */
  short: string;
  /** Full accessible name, e.g. "3 – Neutral". */
  label: string;
  /** The key that picks this option while the group has focus. */
  key?: string;
  /** Drawn wider than the others (N/A sits apart from the numbers). */
  wide?: boolean;
}

interface Props<V> {
  label: string;
  description?: string;
  options: ReadonlyArray<ScaleOption<V>>;
  value: V | null;
  onChange(value: V): void;
  tone?: (value: V) => string | undefined;
  /** Options are words (e.g. stage names) that wrap over lines rather than share one row. */
  wrap?: boolean;
  /** Shown beside the label while nothing is picked. */
  emptyText?: string;
  /**
   * Arrow keys select as they move (the WAI-ARIA radio pattern). Off for one-shot questions
   * that vanish once answered: there arrows only move, and a digit, Enter or a click answers.
   */
  commitOnArrow?: boolean;
}

/**
 * A WAI-ARIA radio group with a roving tab stop. While it has focus, the option keys (digits,
 * `n` for N/A) pick a value directly: a consultant scores without reaching for the mouse.
 */
/**
 * After a value is keyed in, focus moves on to the next scale of the same step, so a step is
 * scored with a run of digits: 4, Tab-free, 3, 5…
 */
function focusNextGroup(group: HTMLElement) {
  const scope = group.closest('[data-keyboard-scope]') ?? document;
  const groups = [...scope.querySelectorAll<HTMLElement>('[role="radiogroup"]')];
  const next = groups[groups.indexOf(group) + 1];
  next?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
}

export function ScaleRadioGroup<V extends string | number>({ label, description, options, value, onChange, tone, wrap, emptyText = 'Not scored', commitOnArrow = true }: Props<V>) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const descriptionId = useId();
  const selectedIndex = options.findIndex((o) => o.value === value);
  const focusIndex = selectedIndex >= 0 ? selectedIndex : 0;

  function pick(index: number) {
    const option = options[index];
    if (!option) return;
    onChange(option.value);
    refs.current[index]?.focus();
  }

  function onKeyDown(e: TargetedKeyboardEvent<HTMLDivElement>) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const byKey = options.findIndex((o) => o.key === e.key.toLowerCase());
    if (byKey >= 0) {
      e.preventDefault();
      e.stopPropagation();
      pick(byKey);
      focusNextGroup(e.currentTarget);
      return;
    }
    const current = refs.current.findIndex((el) => el === document.activeElement);
    const from = current >= 0 ? current : focusIndex;
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) {
      e.preventDefault();
      const next = (from + step + options.length) % options.length;
      if (commitOnArrow) pick(next);
      else refs.current[next]?.focus();
    }
  }

  return (
    <div class="scale">
      <div class="scale-label">
        <span class="scale-name">
          {label}
          <span class="scale-value">{options[selectedIndex]?.label ?? emptyText}</span>
        </span>
        {description && <small id={descriptionId}>{description}</small>}
      </div>
      <div role="radiogroup" aria-label={label} aria-describedby={description ? descriptionId : undefined} class={`scale-options${wrap ? ' is-wrapping' : ''}`} onKeyDown={onKeyDown}>
        {options.map((o, i) => {
          const checked = o.value === value;
          return (
            <button
              key={String(o.value)}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              role="radio"
              aria-checked={checked}
              aria-label={o.label}
              title={o.label}
              tabIndex={i === focusIndex ? 0 : -1}
              class={`scale-option${o.wide ? ' is-wide' : ''}${checked ? ' is-checked' : ''}${tone ? ` tone-${tone(o.value) ?? 'none'}` : ''}`}
              onClick={() => pick(i)}
            >
              {o.short}
            </button>
          );
        })}
      </div>
    </div>
  );
}
