import type { LibraryFilter } from '@/lib/library/filter';
import type { SessionStatus } from '@/lib/schemas';
import { SEVERITY_LABELS } from '@/lib/vocabulary';

interface Props {
  filter: LibraryFilter;
  options: { brands: string[]; rubrics: Array<{ id: string; name: string }>; tags: string[] };
  onChange(patch: Partial<LibraryFilter>): void;
  onClear(): void;
}

const STATUSES: Array<[SessionStatus, string]> = [
  ['active', 'Recording'],
  ['paused', 'Paused'],
  ['completed', 'Completed'],
];

/** Local midnight of a yyyy-mm-dd date input, or the last millisecond of that day. */
const dayStart = (value: string) => (value ? new Date(`${value}T00:00:00`).getTime() : null);
const dayEnd = (value: string) => (value ? new Date(`${value}T23:59:59.999`).getTime() : null);
const dayOf = (time: number | null) => {
  if (time === null) return '';
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function LibraryFilters({ filter, options, onChange, onClear }: Props) {
  const filtered = Object.entries(filter).some(([key, value]) => (key === 'query' ? value !== '' : value !== null));
  return (
    <div role="search" aria-label="Find sessions" class="library-filters">
      <label class="library-search">
        <span class="visually-hidden">Search sessions</span>
        <input
          type="search"
          placeholder="Search titles, brands, notes, URLs, tags…"
          value={filter.query}
          onInput={(e) => onChange({ query: e.currentTarget.value })}
        />
      </label>
      <div class="filter-row" role="group" aria-label="Filters">
        <Select label="Status" value={filter.status} onChange={(v) => onChange({ status: (v as SessionStatus) || null })} all="Any status">
          {STATUSES.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </Select>
        <Select label="Brand" value={filter.brand} onChange={(v) => onChange({ brand: v || null })} all="All brands">
          {options.brands.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </Select>
        <Select label="Rubric" value={filter.rubricId} onChange={(v) => onChange({ rubricId: v || null })} all="All rubrics">
          {options.rubrics.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </Select>
        <Select label="Tag" value={filter.tag} onChange={(v) => onChange({ tag: v || null })} all="Any tag">
          {options.tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
        <Select label="Friction" value={filter.minSeverity === null ? null : String(filter.minSeverity)} onChange={(v) => onChange({ minSeverity: v === '' ? null : Number(v) })} all="Any friction">
          {SEVERITY_LABELS.slice(1).map((label, i) => (
            <option key={label} value={String(i + 1)}>
              {`≥ ${i + 1} ${label}`}
            </option>
          ))}
        </Select>
        <label class="filter">
          <span>Created from</span>
          <input type="date" value={dayOf(filter.from)} onInput={(e) => onChange({ from: dayStart(e.currentTarget.value) })} />
        </label>
        <label class="filter">
          <span>to</span>
          <input type="date" value={dayOf(filter.to)} onInput={(e) => onChange({ to: dayEnd(e.currentTarget.value) })} />
        </label>
        {filtered && (
          <button type="button" class="link" onClick={onClear}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

function Select({ label, value, all, onChange, children }: { label: string; value: string | null; all: string; onChange(v: string): void; children: preact.ComponentChildren }) {
  return (
    <label class="filter">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{all}</option>
        {children}
      </select>
    </label>
  );
}
