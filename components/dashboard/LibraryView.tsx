import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { sendRequest } from '@/lib/browser/messaging';
import { openSidePanel } from '@/lib/browser/pages';
import { userMessage } from '@/lib/errors';
import { filterOptions, filterRows, libraryRows, NO_FILTER, sortRows, type LibraryFilter, type LibraryRow, type LibrarySort, type SortKey } from '@/lib/library/filter';
import type { TrashReceipt } from '@/lib/step/trash';
import { useLibraryData, useLibrarySearchTexts, useSharedRows } from '../data/useLibrary';
import { loadImage } from '../data/reads';
import { Alert } from '../Alert';
import { LibraryFilters } from './LibraryFilters';
import { LibraryTable } from './LibraryTable';
import { StorageMeter } from './StorageMeter';
import { DiskReserveSetting, DiskWarning, useDiskRoom } from '../DiskRoom';
import { UndoToast } from './UndoToast';
import { ConfirmDialog } from './ConfirmDialog';
import { TransferAll } from '../TransferAll';
import './library.css';
import { MAX_COMPARED, MIN_COMPARED } from '@/lib/scoring/compare';
import { scopeRows, teamThumbOf, type Scope } from '@/lib/library/team-rows';
import { loadTeamThumb } from '../data/useWorkspace';
import { useTeamLibrary } from './useTeamLibrary';
import { PublishDialog } from './PublishDialog';
import './workspace.css';

interface Props {
  onOpen(sessionId: string): void;
  onCompare(sessionIds: string[]): void;
}

// Several screens of rows; more on request, so a keystroke never lays out a table of 1,000.
const PAGE = 50;
const STALE_GRACE_MS = 500;
const TEXT_KEYS: ReadonlySet<SortKey> = new Set(['title', 'brand', 'site', 'status', 'rubricName']);

type Toast = { message: string; receipt?: TrashReceipt } | null;
const NO_ROWS: LibraryRow[] = [];
const NO_TEXTS: ReadonlyMap<string, string> = new Map();

// Every session, searchable and sortable, live: a step captured in the side panel moves its row.
export function LibraryView({ onOpen, onCompare }: Props) {
  // The first screen (the most recently changed rows, the default order) is drawn from a small
  // read; then the same live query widens to every row, which replaces it. One subscription, so a
  // write re-runs one read, not two.
  const [everyRow, setEveryRow] = useState(false);
  const data = useLibraryData(everyRow ? undefined : PAGE);
  useEffect(() => {
    if (data && !everyRow) setEveryRow(true);
  }, [data]);
  // The steps' words (megabytes for 1,000 sessions) are read once every row is in and the page is
  // idle: a search is their first use, and until they come it matches titles, brands, sites and
  // tags. They are kept apart from the rows (filterRows takes them), so their arrival redraws none.
  const [wantText, setWantText] = useState(false);
  useEffect(() => {
    if (!data?.complete || wantText) return;
    const want = () => setWantText(true);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(want, { timeout: 2000 });
    else setTimeout(want, 200);
  }, [data]);
  const texts = useLibrarySearchTexts(wantText);
  const [filter, setFilter] = useState<LibraryFilter>(NO_FILTER);
  const [sort, setSort] = useState<LibrarySort>({ key: 'updatedAt', direction: 'descending' });
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<LibraryRow | null>(null);
  const [toast, setToast] = useState<Toast>(null);
  const [error, setError] = useState<string | null>(null);
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);

  // Rows equal to those of the last read keep their objects, so the table redraws only what changed.
  const localRows = useSharedRows(() => (data ? libraryRows(data.summaries, data.updated) : NO_ROWS), [data]);
  // A session imported or started a moment ago may not have its row yet.
  const missing = data?.complete ? data.updated.size - localRows.length : 0;
  // The team workspace's sessions beside this device's own (lib/library/team-rows.ts).
  // The same first-screen read for the team's rows: its 50 most recent, then — once they are
  // painted — every one (2,000 light rows take a while to read; the first screen need not wait).
  const [everyTeamRow, setEveryTeamRow] = useState(false);
  const team = useTeamLibrary(everyTeamRow ? undefined : PAGE);
  useEffect(() => {
    if (team.loaded && !everyTeamRow) requestAnimationFrame(() => setTimeout(() => setEveryTeamRow(true)));
  }, [team.loaded]);
  const [scope, setScope] = useState<Scope>('all');
  const [previewing, setPreviewing] = useState<string[] | null>(null);
  const rows = useMemo(() => scopeRows(scope, localRows, team.rows, team.copies), [scope, localRows, team.rows, team.copies]);
  const local = useMemo(() => new Set(localRows.map((r) => r.id)), [localRows]);
  const loadThumb = (id: string) => {
    const named = teamThumbOf(id);
    return named ? loadTeamThumb(named.sessionId, named.sha256) : loadImage(id, 'thumb');
  };

  /** A team session is downloaded (once) before it opens or is compared. */
  async function ensureLocal(ids: string[]): Promise<boolean> {
    for (const id of ids) {
      if (local.has(id) && !team.copies.has(id)) continue;
      if (!team.byId.has(id)) continue;
      const reply = await sendRequest('workspace.open', { sessionId: id });
      if (!reply.ok) {
        setError(userMessage(reply.error));
        return false;
      }
    }
    return true;
  }
  const open = (id: string) => void ensureLocal([id]).then((ok) => ok && onOpen(id));
  const mineSelected = [...selected].filter((id) => local.has(id) && !team.copies.has(id));
  async function publish(ids: string[]) {
    setPreviewing(null);
    const reply = await sendRequest('workspace.publish', { sessionIds: ids });
    if (!reply.ok) return setError(userMessage(reply.error));
    setError(null);
    setToast({ message: `Publishing ${ids.length} ${ids.length === 1 ? 'session' : 'sessions'} to the team workspace.` });
  }
  function askPublish() {
    const first = mineSelected.filter((id) => !team.published.has(id));
    if (first.length > 0) setPreviewing(mineSelected);
    else void publish(mineSelected);
  }
  const options = useMemo(() => filterOptions(rows), [rows]);
  // The step texts matter only to a search: without one, their arrival recomputes nothing.
  const searchTexts = filter.query ? texts : NO_TEXTS;
  const matching = useMemo(() => sortRows(filterRows(rows, filter, searchTexts), sort), [rows, filter, sort, searchTexts]);
  const shown = matching.slice(0, limit);
  const imageBytes = useMemo(() => rows.reduce((sum, r) => sum + r.bytes, 0), [rows]);

  // A row older than its session is normally rebuilt by the background within milliseconds; one
  // still stale a moment later means the worker stopped before it could: ask for the rebuild.
  const staleKey = useMemo(
    () => localRows.filter((r) => r.stale).map((r) => `${r.id}@${r.updatedAt}`).join(',') + (missing > 0 ? `+${data!.count}` : ''),
    [localRows, missing],
  );
  const asked = useRef('');
  useEffect(() => {
    if (!staleKey || asked.current === staleKey) return;
    const timer = setTimeout(() => {
      asked.current = staleKey;
      void sendRequest('library.refresh', {});
    }, STALE_GRACE_MS);
    return () => clearTimeout(timer);
  }, [staleKey]);

  useEffect(() => {
    navigator.storage
      ?.estimate?.()
      .then(({ usage = 0, quota = 0 }) => setEstimate({ usage, quota }))
      .catch(() => setEstimate(null));
  }, [imageBytes, rows.length]);

  // Selections of sessions deleted elsewhere fall away.
  useEffect(() => {
    const ids = new Set(rows.map((r) => r.id));
    if ([...selected].some((id) => !ids.has(id))) setSelected(new Set([...selected].filter((id) => ids.has(id))));
  }, [rows]);

  const change = (patch: Partial<LibraryFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setLimit(PAGE);
  };
  const sortBy = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' } : { key, direction: TEXT_KEYS.has(key) ? 'ascending' : 'descending' }));
  const select = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  async function remove(row: LibraryRow) {
    setConfirming(null);
    const reply = await sendRequest('session.delete', { sessionId: row.id });
    if (!reply.ok) return setError(userMessage(reply.error));
    setError(null);
    setToast({ message: `Deleted “${row.title}”.`, receipt: reply.value });
  }

  async function undo(receipt: TrashReceipt) {
    const reply = await sendRequest('trash.restore', { trashId: receipt.trashId });
    if (!reply.ok) {
      setToast(null);
      return setError(userMessage(reply.error));
    }
    setToast({ message: `Restored “${receipt.label}”.` });
  }

  const [diskRoom, setDiskRoom] = useDiskRoom();
  const compareCount = selected.size;
  const total = data?.complete ? rows.length : (data?.count ?? 0);
  // Nothing is drawn until both this device's rows and the team's are read: the empty library's
  // invitation must not flash before the team's rows arrive.
  const loaded = data !== null && team.loaded;
  const empty = loaded && data.count === 0 && team.rows.length === 0;
  return (
    <div class="library">
      <div class="library-head">
        <div>
          <h1>Sessions</h1>
          <p class="muted">Every audit on this device{team.rows.length > 0 ? ' and in the team workspace' : ''}: find one, review it, or compare several.</p>
        </div>
        <StorageMeter estimate={estimate} imageBytes={imageBytes}>
          <DiskReserveSetting room={diskRoom} onChange={setDiskRoom} />
        </StorageMeter>
      </div>
      <Alert message={error} onDismiss={() => setError(null)} />
      <DiskWarning room={diskRoom} />
      {!loaded || (total === 0 && !empty) ? null : empty ? (
        <div class="library-empty">
          <h2>No sessions yet</h2>
          <p>Open the side panel beside the site you are auditing, start a session and capture each step. Every session appears here as you work.</p>
          <button type="button" class="primary" onClick={() => void openSidePanel().catch((e) => setError(String(e)))}>
            Open the side panel
          </button>
        </div>
      ) : (
        <>
          <LibraryFilters filter={filter} options={options} onChange={change} onClear={() => change(NO_FILTER)} />
          <div class="library-toolbar">
            <p role="status" class="result-count">
              {matching.length === total || !data?.complete ? `${total} ${total === 1 ? 'session' : 'sessions'}` : `${matching.length} of ${total} sessions`}
            </p>
            {team.rows.length > 0 && (
              <fieldset class="team-scope">
                <legend>Show</legend>
                {(['mine', 'team', 'all'] as const).map((s) => (
                  <label key={s}>
                    <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} /> {s === 'mine' ? 'Mine' : s === 'team' ? 'Team' : 'All'}
                  </label>
                ))}
              </fieldset>
            )}
            <div class="selection-actions">
              {compareCount > 0 && (
                <>
                  <span class="muted">{compareCount} selected</span>
                  <button type="button" class="link" onClick={() => setSelected(new Set())}>
                    Clear selection
                  </button>
                </>
              )}
              <button
                type="button"
                class="primary"
                disabled={compareCount < MIN_COMPARED || compareCount > MAX_COMPARED}
                title={compareCount > MAX_COMPARED ? `Compare up to ${MAX_COMPARED} sessions` : `Select ${MIN_COMPARED} to ${MAX_COMPARED} sessions to compare`}
                onClick={() => void ensureLocal([...selected]).then((ok) => ok && onCompare([...selected]))}
              >
                Compare{compareCount >= MIN_COMPARED ? ` ${compareCount} sessions` : ''}
              </button>
              {mineSelected.length > 0 && (
                <button type="button" onClick={askPublish}>
                  Publish to team{mineSelected.length > 1 ? ` (${mineSelected.length})` : ''}
                </button>
              )}
            </div>
          </div>
          {matching.length === 0 ? (
            <div class="library-empty">
              <p>No session matches these filters.</p>
              <button type="button" onClick={() => change(NO_FILTER)}>
                Clear filters
              </button>
            </div>
          ) : (
            <LibraryTable rows={shown} sort={sort} selected={selected} onSort={sortBy} onSelect={select} onOpen={open} onDelete={setConfirming} loadThumb={loadThumb} />
          )}
          {matching.length > shown.length && (
            <button type="button" class="show-more" onClick={() => setLimit((n) => n + PAGE)}>
              {matching.length - shown.length <= PAGE ? `Show the last ${matching.length - shown.length}` : `Show ${PAGE} more (${matching.length - shown.length} not shown)`}
            </button>
          )}
        </>
      )}
      <div class="library-transfer">
        <TransferAll onError={setError} />
      </div>
      {previewing && <PublishDialog sessionIds={previewing} onPublish={() => void publish(previewing)} onCancel={() => setPreviewing(null)} />}
      {confirming && (
        <ConfirmDialog
          title={`Delete “${confirming.title}”?`}
          body={`${stepsPhrase(confirming.steps)} and their screenshots are removed from this device. You can undo this for 30 seconds.`}
          confirmLabel="Delete session"
          onConfirm={() => void remove(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
      <UndoToast
        message={toast?.message ?? null}
        undoUntil={toast?.receipt?.undoUntil}
        onUndo={toast?.receipt ? () => void undo(toast.receipt!) : undefined}
        onExpire={() => setToast(null)}
      />
    </div>
  );
}

const stepsPhrase = (n: number | null) => (n === null ? 'Its steps' : `Its ${n} ${n === 1 ? 'step' : 'steps'}`);
