import { ANNOTATION_COLORS } from '@/lib/vocabulary';
import { COLOR_NAMES, type AnnotationColor, type AnnotationType } from '@/lib/annotation/shapes';

export type Tool = 'select' | AnnotationType;

export const TOOLS: Array<{ tool: Tool; label: string; key: string; icon: string }> = [
  { tool: 'select', label: 'Select', key: 'v', icon: '↖' },
  { tool: 'box', label: 'Box', key: 'b', icon: '▢' },
  { tool: 'arrow', label: 'Arrow', key: 'a', icon: '↗' },
  { tool: 'text', label: 'Text', key: 't', icon: 'T' },
  { tool: 'marker', label: 'Marker', key: 'm', icon: '①' },
  { tool: 'highlight', label: 'Highlight', key: 'h', icon: '▨' },
  { tool: 'redact', label: 'Redact', key: 'r', icon: '■' },
];

interface Props {
  tool: Tool;
  color: AnnotationColor;
  /** Tools that cannot be used now (a completed session takes redactions only). */
  disabledTools: ReadonlySet<Tool>;
  canUndo: boolean;
  canRedo: boolean;
  onTool(tool: Tool): void;
  onColor(color: AnnotationColor): void;
  onUndo(): void;
  onRedo(): void;
}

export function Toolbar(props: Props) {
  return (
    <div class="annotate-toolbar" role="toolbar" aria-label="Annotation tools">
      <div class="tool-group">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            type="button"
            class={`tool tool-${t.tool}`}
            aria-pressed={props.tool === t.tool}
            aria-keyshortcuts={t.key.toUpperCase()}
            title={`${t.label} (${t.key.toUpperCase()})`}
            disabled={props.disabledTools.has(t.tool)}
            onClick={() => props.onTool(t.tool)}
          >
            <span class="tool-icon" aria-hidden="true">
              {t.icon}
            </span>
            {t.label}
          </button>
        ))}
      </div>
      <fieldset class="swatches">
        <legend class="visually-hidden">Colour</legend>
        {ANNOTATION_COLORS.map((c) => (
          <label key={c} class="swatch" title={COLOR_NAMES[c]}>
            <input type="radio" name="annotation-color" aria-label={COLOR_NAMES[c]} checked={props.color === c} onChange={() => props.onColor(c)} />
            <span style={{ background: c }} aria-hidden="true" />
          </label>
        ))}
      </fieldset>
      <div class="tool-group">
        <button type="button" aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)" disabled={!props.canUndo} onClick={props.onUndo}>
          Undo
        </button>
        <button type="button" aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)" disabled={!props.canRedo} onClick={props.onRedo}>
          Redo
        </button>
      </div>
    </div>
  );
}
