import { arrowGeometry, HIGHLIGHT_ALPHA, metrics, REDACT_FILL, redactionPixels } from './shapes';
import type { Annotation, Size } from '../schemas';

// The one canvas renderer of annotations: thumbnails (in the background) and export copies
// (in the page) both draw through here, at whatever size they need. It only issues drawing
// calls on the context it is given, so tests pass a recording stand-in.

export type Canvas2D = Pick<
  OffscreenCanvasRenderingContext2D,
  | 'save'
  | 'restore'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'arc'
  | 'fill'
  | 'stroke'
  | 'fillRect'
  | 'strokeRect'
  | 'fillText'
  | 'strokeText'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'lineJoin'
  | 'lineCap'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'globalAlpha'
>;

export const LABEL_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Draws every shape, in order, onto a drawing of `size` pixels (the image already drawn). */
export function drawAnnotations(ctx: Canvas2D, annotations: readonly Annotation[], size: Size): void {
  const m = metrics(size.width);
  const X = (f: number) => f * size.width;
  const Y = (f: number) => f * size.height;
  for (const a of annotations) {
    ctx.save();
    switch (a.type) {
      case 'redact': {
        const r = redactionPixels(a, size);
        ctx.fillStyle = REDACT_FILL;
        ctx.fillRect(r.x, r.y, r.w, r.h);
        break;
      }
      case 'highlight':
        ctx.globalAlpha = HIGHLIGHT_ALPHA;
        ctx.fillStyle = a.color;
        ctx.fillRect(X(a.x), Y(a.y), X(a.w), Y(a.h));
        break;
      case 'box':
        ctx.strokeStyle = a.color;
        ctx.lineWidth = m.stroke;
        ctx.lineJoin = 'round';
        ctx.strokeRect(X(a.x), Y(a.y), X(a.w), Y(a.h));
        break;
      case 'arrow': {
        const g = arrowGeometry(X(a.x1), Y(a.y1), X(a.x2), Y(a.y2), m.head);
        ctx.strokeStyle = a.color;
        ctx.fillStyle = a.color;
        ctx.lineWidth = m.stroke;
        ctx.lineCap = 'round';
        ctx.beginPath();
        ctx.moveTo(X(a.x1), Y(a.y1));
        ctx.lineTo(g.shaftEnd.x, g.shaftEnd.y);
        ctx.stroke();
        ctx.beginPath();
        const [tip, left, right] = g.head;
        ctx.moveTo(tip!.x, tip!.y);
        ctx.lineTo(left!.x, left!.y);
        ctx.lineTo(right!.x, right!.y);
        ctx.closePath();
        ctx.fill();
        break;
      }
      case 'text': {
        // A white halo keeps the label readable on any background, without measuring text.
        ctx.font = `700 ${m.font}px ${LABEL_FONT}`;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'alphabetic';
        ctx.lineJoin = 'round';
        ctx.lineWidth = m.font * 0.22;
        ctx.strokeStyle = '#ffffff';
        const x = X(a.x) + m.font * 0.2;
        const y = Y(a.y) + m.font * 0.95;
        ctx.strokeText(a.text, x, y);
        ctx.fillStyle = a.color;
        ctx.fillText(a.text, x, y);
        break;
      }
      case 'marker':
        ctx.fillStyle = a.color;
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = Math.max(1, m.stroke * 0.6);
        ctx.beginPath();
        ctx.arc(X(a.x), Y(a.y), m.markerRadius, 0, Math.PI * 2);
        ctx.fill();
        ctx.stroke();
        ctx.fillStyle = '#ffffff';
        ctx.font = `700 ${m.markerRadius * 1.1}px ${LABEL_FONT}`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText(String(a.number), X(a.x), Y(a.y) + m.markerRadius * 0.05);
        break;
    }
    ctx.restore();
  }
}
