import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import {
  clamp01,
  growBy,
  handlesOf,
  hitTest,
  isTooSmall,
  moveBy,
  newRedactions,
  nextMarkerNumber,
  normalizeRect,
  resize,
  sameAnnotations,
  type AnnotationColor,
  type Handle,
  type Point,
} from '@/lib/annotation/shapes';
import type { Annotation, Size } from '@/lib/schemas';
import { ANNOTATION_COLORS } from '@/lib/vocabulary';
import { historyReducer, initialHistory } from './history';
import { Inspector } from './Inspector';
import { ShapeLayer } from './ShapeLayer';
import { Toolbar, TOOLS, type Tool } from './Toolbar';

export const REDACTION_WARNING = 'Redacted areas are erased from the stored image. This cannot be undone.';

interface Props {
  imageUrl: string;
  imageAlt: string;
  size: Size;
  /** The shapes as stored; redactions among them are already burned in. */
  saved: Annotation[];
  /** A completed session: only new redactions may be added. */
  redactOnly: boolean;
  newId(): string;
  /** Resolves true once stored. */
  onSave(annotations: Annotation[]): Promise<boolean>;
  confirm(message: string): boolean;
}

type Drag =
  | { kind: 'draw'; tool: 'box' | 'highlight' | 'redact' | 'arrow'; start: Point; id: string }
  | { kind: 'move'; start: Point; original: Annotation }
  | { kind: 'resize'; handle: Handle; original: Annotation };

const isTyping = (el: EventTarget | null) => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;

export function AnnotationEditor(props: Props) {
  const { size } = props;
  const [history, dispatch] = useReducer(historyReducer, props.saved, initialHistory);
  const [tool, setTool] = useState<Tool>(props.redactOnly ? 'redact' : 'select');
  const [color, setColor] = useState<AnnotationColor>(ANNOTATION_COLORS[0]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [draft, setDraft] = useState<Annotation | null>(null);
  const [saving, setSaving] = useState(false);
  const [scale, setScale] = useState(1);
  const svgRef = useRef<SVGSVGElement>(null);
  const labelRef = useRef<HTMLInputElement>(null);

  const burned = useMemo(() => new Set(props.saved.filter((a) => a.type === 'redact').map((a) => a.id)), [props.saved]);
  const savedIds = useMemo(() => new Set(props.saved.map((a) => a.id)), [props.saved]);
  const editable = (a: Annotation) => !(a.type === 'redact' && burned.has(a.id)) && !(props.redactOnly && savedIds.has(a.id));
  const shapes = draft ? (history.present.some((a) => a.id === draft.id) ? history.present.map((a) => (a.id === draft.id ? draft : a)) : [...history.present, draft]) : history.present;
  const selected = shapes.find((a) => a.id === selectedId) ?? null;
  const dirty = !sameAnnotations(history.present, props.saved);
  const disabledTools = useMemo(() => new Set<Tool>(props.redactOnly ? TOOLS.map((t) => t.tool).filter((t) => t !== 'redact' && t !== 'select') : []), [props.redactOnly]);

  // Shapes live only in this page until saved: warn before the tab closes them. Read through a
  // ref set while rendering, so the warning holds from the moment "Unsaved changes" shows.
  const dirtyNow = useRef(dirty);
  dirtyNow.current = dirty;
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => dirtyNow.current && e.preventDefault();
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, []);

  // Image pixels per screen pixel: handles and hit tolerance stay the same size on screen.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const observer = new ResizeObserver(() => setScale(size.width / Math.max(1, svg.getBoundingClientRect().width)));
    observer.observe(svg);
    return () => observer.disconnect();
  }, [size.width]);

  const commit = (next: Annotation[]) => dispatch({ kind: 'commit', next });
  const update = (a: Annotation) => commit(history.present.map((s) => (s.id === a.id ? a : s)));
  const add = (a: Annotation) => {
    commit([...history.present, a]);
    setSelectedId(a.id);
  };
  const remove = (id: string) => {
    commit(history.present.filter((s) => s.id !== id));
    setSelectedId(null);
  };

  function newShape(kind: Tool, at: Point): Annotation | null {
    const id = props.newId();
    switch (kind) {
      case 'text':
        return { id, type: 'text', x: at.x, y: at.y, text: 'Label', color };
      case 'marker':
        return { id, type: 'marker', x: at.x, y: at.y, number: nextMarkerNumber(history.present), color };
      case 'arrow':
        return { id, type: 'arrow', x1: clamp01(at.x - 0.1), y1: clamp01(at.y - 0.08), x2: at.x, y2: at.y, color };
      case 'redact':
        return { id, type: 'redact', ...normalizeRect({ x: at.x - 0.1, y: at.y - 0.04 }, { x: at.x + 0.1, y: at.y + 0.04 }) };
      case 'box':
      case 'highlight':
        return { id, type: kind, ...normalizeRect({ x: at.x - 0.1, y: at.y - 0.04 }, { x: at.x + 0.1, y: at.y + 0.04 }), color };
      default:
        return null;
    }
  }

  function place(a: Annotation) {
    add(a);
    // A new label is typed straight away: its text field takes the focus, "Label" selected.
    if (a.type === 'text') requestAnimationFrame(() => labelRef.current?.select());
  }

  function pointAt(e: PointerEvent): Point {
    const r = svgRef.current!.getBoundingClientRect();
    return { x: clamp01((e.clientX - r.left) / r.width), y: clamp01((e.clientY - r.top) / r.height) };
  }

  function onPointerDown(e: PointerEvent) {
    if (e.button !== 0 || saving) return;
    const p = pointAt(e);
    const onScreen = (q: Point) => Math.hypot((q.x - p.x) * size.width, (q.y - p.y) * size.height) / scale;
    let next: Drag | null = null;
    if (tool === 'select') {
      const grabbed = selected && editable(selected) ? handlesOf(selected).find((h) => onScreen(h) <= 10) : undefined;
      if (grabbed && selected) next = { kind: 'resize', handle: grabbed.handle, original: selected };
      else {
        const hit = hitTest(history.present, p, size, 6 * scale);
        setSelectedId(hit?.id ?? null);
        if (hit && editable(hit)) next = { kind: 'move', start: p, original: hit };
      }
    } else if (tool === 'text' || tool === 'marker') {
      const shape = newShape(tool, p);
      if (shape) place(shape);
    } else {
      next = { kind: 'draw', tool, start: p, id: props.newId() };
    }
    if (next) {
      e.preventDefault();
      svgRef.current!.setPointerCapture(e.pointerId);
      setDrag(next);
    }
  }

  function onPointerMove(e: PointerEvent) {
    if (!drag) return;
    const p = pointAt(e);
    if (drag.kind === 'move') setDraft(moveBy(drag.original, p.x - drag.start.x, p.y - drag.start.y, size));
    else if (drag.kind === 'resize') setDraft(resize(drag.original, drag.handle, p));
    else if (drag.tool === 'arrow') setDraft({ id: drag.id, type: 'arrow', x1: drag.start.x, y1: drag.start.y, x2: p.x, y2: p.y, color });
    else if (drag.tool === 'redact') setDraft({ id: drag.id, type: 'redact', ...normalizeRect(drag.start, p) });
    else setDraft({ id: drag.id, type: drag.tool, ...normalizeRect(drag.start, p), color });
  }

  function onPointerUp(e: PointerEvent) {
    if (!drag) return;
    const shown = { width: size.width / scale, height: size.height / scale };
    const end = pointAt(e);
    if (drag.kind === 'draw') {
      if (draft && !isTooSmall(drag.start, end, shown)) add(draft);
    } else if (draft && (drag.kind === 'resize' || !isTooSmall(drag.start, end, shown, 1))) update(draft);
    setDrag(null);
    setDraft(null);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (isTyping(e.target)) {
      if (e.key === 'Escape') (e.target as HTMLElement).blur();
      return;
    }
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) return (e.preventDefault(), dispatch({ kind: 'redo' }));
    if (mod && key === 'z') return (e.preventDefault(), dispatch({ kind: 'undo' }));
    if (mod && key === 's') return (e.preventDefault(), void save());
    if ((mod || e.altKey) && !e.key.startsWith('Arrow')) return;
    if (e.key === 'Escape') return setSelectedId(null);
    if ((e.key === 'Delete' || e.key === 'Backspace') && selected && editable(selected)) return (e.preventDefault(), remove(selected.id));
    if (e.key.startsWith('Arrow') && selected && editable(selected)) {
      e.preventDefault();
      const step = e.shiftKey ? 10 : 1;
      const dx = ((e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0) * step) / size.width;
      const dy = ((e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0) * step) / size.height;
      return update(e.altKey ? growBy(selected, dx, dy) : moveBy(selected, dx, dy, size));
    }
    if (e.key === 'Enter' && svgRef.current?.contains(e.target as Node) && tool !== 'select') {
      const shape = newShape(tool, { x: 0.5, y: 0.5 });
      if (shape) {
        e.preventDefault();
        place(shape);
      }
      return;
    }
    const t = TOOLS.find((x) => x.key === key);
    if (t && !disabledTools.has(t.tool) && !(e.target instanceof HTMLButtonElement && e.key === ' ')) setTool(t.tool);
  }

  async function save() {
    if (!dirty || saving) return;
    if (newRedactions(props.saved, history.present).length > 0 && !props.confirm(REDACTION_WARNING)) return;
    setSaving(true);
    // Stored the way the schema keeps them: labels trimmed, and a label left empty is no label.
    const next = history.present.flatMap((a): Annotation[] => (a.type !== 'text' ? [a] : a.text.trim() ? [{ ...a, text: a.text.trim() }] : []));
    try {
      if (await props.onSave(next)) dispatch({ kind: 'reset', next });
    } finally {
      setSaving(false);
    }
  }

  return (
    <div class="annotate-editor" onKeyDown={onKeyDown}>
      <div class="annotate-bar">
        <Toolbar
          tool={tool}
          color={color}
          disabledTools={disabledTools}
          canUndo={history.past.length > 0}
          canRedo={history.future.length > 0}
          onTool={setTool}
          onColor={(c) => {
            setColor(c);
            if (selected && 'color' in selected && editable(selected)) update({ ...selected, color: c });
          }}
          onUndo={() => dispatch({ kind: 'undo' })}
          onRedo={() => dispatch({ kind: 'redo' })}
        />
        <div class="save-group">
          <span class={`save-note${dirty ? ' is-dirty' : ''}`} role="status">
            {saving ? 'Saving…' : dirty ? 'Unsaved changes' : 'All changes saved'}
          </span>
          <button type="button" class="primary" disabled={!dirty || saving} aria-keyshortcuts="Control+S" onClick={() => void save()}>
            Save
          </button>
        </div>
      </div>
      <div class="annotate-body">
        <div class={`stage tool-is-${tool}`}>
          <img src={props.imageUrl} alt={props.imageAlt} width={size.width} height={size.height} draggable={false} />
          <svg
            ref={svgRef}
            viewBox={`0 0 ${size.width} ${size.height}`}
            // Lower case: on SVG elements an attribute is case-sensitive, and only `tabindex` focuses.
            tabindex={0}
            role="group"
            aria-label="Annotations on the screenshot. With a drawing tool chosen, press Enter to add a shape."
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => (setDrag(null), setDraft(null))}
          >
            <ShapeLayer shapes={shapes} size={size} selectedId={selectedId} burned={burned} scale={scale} onFocusShape={setSelectedId} />
          </svg>
        </div>
        <Inspector
          selected={selected}
          editable={selected ? editable(selected) : false}
          burned={selected ? burned.has(selected.id) : false}
          redactOnly={props.redactOnly}
          count={history.present.length}
          labelRef={labelRef}
          onLabelFocus={() => dispatch({ kind: 'checkpoint' })}
          onLabelInput={(text) => selected?.type === 'text' && dispatch({ kind: 'replace', next: history.present.map((s) => (s.id === selected.id ? { ...selected, text } : s)) })}
          onDelete={() => selected && remove(selected.id)}
        />
      </div>
    </div>
  );
}
