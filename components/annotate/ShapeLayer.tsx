import { arrowGeometry, bounds, describe, handlesOf, HIGHLIGHT_ALPHA, metrics, REDACT_FILL } from '@/lib/annotation/shapes';
import { LABEL_FONT } from '@/lib/annotation/render';
import type { Annotation, Size } from '@/lib/schemas';

// The shapes as SVG, in the image's own pixel units (the viewBox is the image), drawn with the
// same metrics as the canvas renderer so what the editor shows is what exports burn in.

interface Props {
  shapes: readonly Annotation[];
  size: Size;
  selectedId: string | null;
  /** Redactions already burned into the stored pixels. */
  burned: ReadonlySet<string>;
  /** Pixels of the image per pixel on screen, so handles keep their on-screen size. */
  scale: number;
  onFocusShape(id: string): void;
}

function Shape({ a, size, burned }: { a: Annotation; size: Size; burned: boolean }) {
  const m = metrics(size.width);
  const X = (f: number) => f * size.width;
  const Y = (f: number) => f * size.height;
  switch (a.type) {
    case 'redact':
      return (
        <g>
          <rect x={X(a.x)} y={Y(a.y)} width={X(a.w)} height={Y(a.h)} fill={REDACT_FILL} />
          {!burned && (
            <rect class="redact-pending" x={X(a.x)} y={Y(a.y)} width={X(a.w)} height={Y(a.h)} fill="url(#redact-hatch)" stroke="#fdb022" stroke-width={m.stroke * 0.6} stroke-dasharray={`${m.stroke * 2} ${m.stroke * 1.5}`} />
          )}
        </g>
      );
    case 'highlight':
      return <rect x={X(a.x)} y={Y(a.y)} width={X(a.w)} height={Y(a.h)} fill={a.color} fill-opacity={HIGHLIGHT_ALPHA} />;
    case 'box':
      return <rect x={X(a.x)} y={Y(a.y)} width={X(a.w)} height={Y(a.h)} fill="none" stroke={a.color} stroke-width={m.stroke} stroke-linejoin="round" />;
    case 'arrow': {
      const g = arrowGeometry(X(a.x1), Y(a.y1), X(a.x2), Y(a.y2), m.head);
      return (
        <g>
          <line x1={X(a.x1)} y1={Y(a.y1)} x2={g.shaftEnd.x} y2={g.shaftEnd.y} stroke={a.color} stroke-width={m.stroke} stroke-linecap="round" />
          <polygon points={g.head.map((p) => `${p.x},${p.y}`).join(' ')} fill={a.color} />
        </g>
      );
    }
    case 'text':
      return (
        <text
          x={X(a.x) + m.font * 0.2}
          y={Y(a.y) + m.font * 0.95}
          font-size={m.font}
          font-weight="700"
          font-family={LABEL_FONT}
          fill={a.color}
          stroke="#ffffff"
          stroke-width={m.font * 0.22}
          stroke-linejoin="round"
          paint-order="stroke"
        >
          {a.text}
        </text>
      );
    case 'marker':
      return (
        <g>
          <circle cx={X(a.x)} cy={Y(a.y)} r={m.markerRadius} fill={a.color} stroke="#ffffff" stroke-width={Math.max(1, m.stroke * 0.6)} />
          <text x={X(a.x)} y={Y(a.y) + m.markerRadius * 0.05} font-size={m.markerRadius * 1.1} font-weight="700" font-family={LABEL_FONT} fill="#ffffff" text-anchor="middle" dominant-baseline="central">
            {a.number}
          </text>
        </g>
      );
  }
}

export function ShapeLayer({ shapes, size, selectedId, burned, scale, onFocusShape }: Props) {
  const selected = shapes.find((s) => s.id === selectedId);
  const pad = 4 * scale;
  const handle = 9 * scale;
  return (
    <>
      <defs>
        <pattern id="redact-hatch" width={12 * scale} height={12 * scale} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2={12 * scale} stroke="#fdb022" stroke-width={2 * scale} stroke-opacity="0.5" />
        </pattern>
      </defs>
      {shapes.map((a) => (
        <g
          key={a.id}
          class="shape"
          role="button"
          tabindex={0}
          aria-label={`${describe(a)}${a.type === 'redact' ? (burned.has(a.id) ? ' (burned into the image)' : ' (erased on save)') : ''}`}
          aria-pressed={a.id === selectedId}
          onFocus={() => onFocusShape(a.id)}
        >
          <Shape a={a} size={size} burned={burned.has(a.id)} />
        </g>
      ))}
      {selected && (
        <g class="selection" aria-hidden="true" pointer-events="none">
          {(() => {
            const b = bounds(selected, size);
            return (
              <rect x={b.x * size.width - pad} y={b.y * size.height - pad} width={b.w * size.width + 2 * pad} height={b.h * size.height + 2 * pad} fill="none" stroke="#3446c7" stroke-width={1.5 * scale} stroke-dasharray={`${5 * scale} ${4 * scale}`} />
            );
          })()}
          {!(selected.type === 'redact' && burned.has(selected.id)) &&
            handlesOf(selected).map((h) => (
              <rect key={h.handle} class={`handle handle-${h.handle}`} x={h.x * size.width - handle / 2} y={h.y * size.height - handle / 2} width={handle} height={handle} rx={2 * scale} fill="#ffffff" stroke="#3446c7" stroke-width={1.5 * scale} />
            ))}
        </g>
      )}
    </>
  );
}
