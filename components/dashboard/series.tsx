// How each compared session is drawn. Colour is never the only cue: every session also has its
// own marker shape and dash pattern, so the chart reads in greyscale and for colour-blind readers.
// The colours keep at least 4.5:1 against white.
export const SERIES = [
  { colour: '#3446c7', dash: '', marker: 'circle' },
  { colour: '#b93815', dash: '8 4', marker: 'square' },
  { colour: '#067647', dash: '2 3', marker: 'triangle' },
  { colour: '#7a2e9e', dash: '10 3 2 3', marker: 'diamond' },
] as const;

/** The marker of session `index`, drawn in currentColor. */
export function SeriesKey({ index, cx, cy }: { index: number; cx: number; cy: number }) {
  const r = 4.5;
  switch (SERIES[index]?.marker) {
    case 'square':
      return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} fill="currentColor" stroke="#fff" stroke-width={1} />;
    case 'triangle':
      return <path d={`M${cx},${cy - r - 1} L${cx + r + 1},${cy + r} L${cx - r - 1},${cy + r} Z`} fill="currentColor" stroke="#fff" stroke-width={1} />;
    case 'diamond':
      return <path d={`M${cx},${cy - r - 1.5} L${cx + r + 1.5},${cy} L${cx},${cy + r + 1.5} L${cx - r - 1.5},${cy} Z`} fill="currentColor" stroke="#fff" stroke-width={1} />;
    default:
      return <circle cx={cx} cy={cy} r={r} fill="currentColor" stroke="#fff" stroke-width={1} />;
  }
}

/** The session's letter beside its marker, for table headers and cards. */
export function SeriesBadge({ index, letter }: { index: number; letter: string }) {
  return (
    <span class="series-badge" style={{ color: SERIES[index]!.colour }}>
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        <SeriesKey index={index} cx={6} cy={6} />
      </svg>
      {letter}
    </span>
  );
}
