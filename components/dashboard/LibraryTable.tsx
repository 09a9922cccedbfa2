import { Component } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatBytes, type LibraryRow, type LibrarySort, type SortKey } from '@/lib/library/filter';
import { SEVERITY_LABELS } from '@/lib/vocabulary';
import { ScoreBadge } from '../ScoreBadge';
import { useObjectUrl } from '../hooks';
import { StatusPill } from '@/components/StatusPill';

interface Props {
  rows: readonly LibraryRow[];
  sort: LibrarySort;
  selected: ReadonlySet<string>;
  onSort(key: SortKey): void;
  onSelect(id: string, on: boolean): void;
  onOpen(id: string): void;
  onDelete(row: LibraryRow): void;
  loadThumb(screenshotId: string): Promise<Blob | undefined>;
}

const COLUMNS: ReadonlyArray<{ key: SortKey; label: string; numeric?: boolean; title?: string }> = [
  { key: 'title', label: 'Title' },
  { key: 'brand', label: 'Brand' },
  { key: 'site', label: 'Site' },
  { key: 'createdAt', label: 'Created' },
  { key: 'updatedAt', label: 'Updated' },
  { key: 'status', label: 'Status' },
  { key: 'rubricName', label: 'Rubric' },
  { key: 'steps', label: 'Steps', numeric: true },
  { key: 'bas', label: 'Score', numeric: true, title: 'Brand Alignment Score, 0–100' },
  { key: 'worstSeverity', label: 'Friction', title: "Highest severity of any step, on Nielsen's 0–4 scale" },
  { key: 'bytes', label: 'Size', numeric: true, title: 'Space its screenshots take' },
];

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const thisYear = new Date().getFullYear();
// The year only when it is not this one: the table has eleven columns to fit in 1,280 px.
const shortDate = (time: number) => (new Date(time).getFullYear() === thisYear ? dayMonth : dayMonthYear).format(time);
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

type Actions = Pick<Props, 'onSelect' | 'onOpen' | 'onDelete' | 'loadThumb'>;

export function LibraryTable({ rows, sort, selected, onSort, onSelect, onOpen, onDelete, loadThumb }: Props) {
  // One object for every row, holding the latest callbacks: a row redraws only when its own data or
  // selection changes (a read of every session, the search texts arriving), yet calls the current ones.
  const actions = useRef<Actions>({ onSelect, onOpen, onDelete, loadThumb });
  Object.assign(actions.current, { onSelect, onOpen, onDelete, loadThumb });
  return (
    <div class="library-table-wrap">
      <table class="library-table">
        <caption class="visually-hidden">Sessions; column headers sort the table</caption>
        <thead>
          <tr>
            <th scope="col" class="col-select">
              <span class="visually-hidden">Select</span>
            </th>
            <th scope="col" class="col-thumb">
              <span class="visually-hidden">Screenshot</span>
            </th>
            {COLUMNS.map((c) => {
              const active = sort.key === c.key;
              return (
                <th key={c.key} scope="col" class={`col-${c.key}${c.numeric ? ' num' : ''}`} aria-sort={active ? sort.direction : 'none'}>
                  <button type="button" class="sort" title={c.title} onClick={() => onSort(c.key)}>
                    {c.label}
                    <span class="sort-mark" aria-hidden="true">
                      {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col" class="col-actions">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <SameRow key={row.id} row={row} selected={selected.has(row.id)} actions={actions.current} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  row: LibraryRow;
  selected: boolean;
  actions: Actions;
}

/** A row that skips its redraw when its row object and selection are the ones it drew. */
class SameRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps) {
    return next.row !== this.props.row || next.selected !== this.props.selected;
  }
  override render() {
    return <Row {...this.props} />;
  }
}

// Handlers read `actions` when they run, never when drawn: a row not redrawn still calls the current ones.
function Row({ row, selected, actions }: RowProps) {
  const href = `#/session/${encodeURIComponent(row.id)}`;
  const open = (e: MouseEvent) => {
    // A plain click opens the review here; a modified click keeps the browser's new-tab behaviour.
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    actions.onOpen(row.id);
  };
  const severity = row.worstSeverity;
  return (
    <tr class={selected ? 'is-selected' : undefined} aria-busy={row.stale ? 'true' : undefined}>
      <td class="col-select">
        <input type="checkbox" checked={selected} aria-label={`Select “${row.title}”`} onChange={(e) => actions.onSelect(row.id, e.currentTarget.checked)} />
      </td>
      <td class="col-thumb">
        <Thumb screenshotId={row.thumbScreenshotId} load={(id) => actions.loadThumb(id)} />
      </td>
      <th scope="row" class="col-title">
        <a href={href} onClick={open} title={row.title}>
          {row.title}
        </a>
        {row.author && <span class="author">by {row.author}</span>}
        {row.tags.length > 0 && <span class="row-tags">{row.tags.slice(0, 3).join(' · ')}</span>}
      </th>
      <td class="col-brand">{row.brand || <span class="muted">—</span>}</td>
      <td class="col-site" title={row.startUrl}>
        {row.site || <span class="muted">—</span>}
      </td>
      <td class="col-createdAt">
        <time dateTime={new Date(row.createdAt).toISOString()} title={dateTimeFormat.format(row.createdAt)}>
          {shortDate(row.createdAt)}
        </time>
      </td>
      <td class="col-updatedAt">
        <time dateTime={new Date(row.updatedAt).toISOString()} title={dateTimeFormat.format(row.updatedAt)}>
          {shortDate(row.updatedAt)}
        </time>
      </td>
      <td class="col-status">
        <StatusPill status={row.status} />
      </td>
      <td class="col-rubricName" title={row.rubricName}>
        {row.rubricName}
      </td>
      <td class="col-steps num">{row.steps ?? '…'}</td>
      <td class="col-bas num">
        <ScoreBadge score={row.bas} label="Brand Alignment Score" />
      </td>
      <td class="col-worstSeverity">
        {severity === null ? (
          <span class="muted">—</span>
        ) : (
          <span class={`severity severity-${severity}`}>
            {severity} {SEVERITY_LABELS[severity]}
          </span>
        )}
      </td>
      <td class="col-bytes num">{row.bytes === null ? '…' : formatBytes(row.bytes)}</td>
      <td class="col-actions">
        {row.author ? (
          <span class="muted small">Team</span>
        ) : row.status === 'active' ? (
          <span class="muted small" title="Pause the session in the side panel to delete it">
            Recording
          </span>
        ) : (
          <button type="button" class="link danger-text" aria-label={`Delete “${row.title}”…`} onClick={() => actions.onDelete(row)}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}

/** The thumbnail is read only once its row scrolls into view: a long library reads a screenful of images. */
function Thumb({ screenshotId, load }: { screenshotId: string | null; load(id: string): Promise<Blob | undefined> }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || visible) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true);
        observer.disconnect();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [visible]);
  const url = useObjectUrl(() => load(screenshotId!), visible && screenshotId ? screenshotId : undefined);
  return (
    <div ref={ref} class="library-thumb">
      {url && <img src={url} alt="" />}
    </div>
  );
}
