import type { Transaction } from 'dexie';
import { bySession, summariseV3, type ScreenshotV3, type SessionV3, type StepV3 } from './v3';

// Frozen: the version 4 upgrade. Version 3 changed in place twice after profiles had run it, so a
// profile at v3 may hold any of three things: only `trash` (5978567; Dexie later added the missing
// tables, empty), summaries of the first shape without title, brand or status and no search texts
// (662aee4), or what v3 finally meant (d194314). The background only rebuilds summaries whose
// session moved, so the first two never healed. Version 4 rebuilds every summary and search text
// with v3's final summariser (the shape the library reads), and fills in the fields records from
// 0.1.0 lack with the values the schemas have always defaulted them to, so every stored record
// parses as it is. Nothing is dropped: a record is only ever given what it lacks. Never edit this
// file and never import app code here (see v3.ts).

type Row = Record<string, unknown>;

/** Sets each absent field to its default; fields already there are left exactly as they are. */
function fill(row: Row, defaults: Readonly<Row>): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(defaults)) {
    if (row[key] !== undefined) continue;
    // Structured values are copied so that no two records share one object.
    row[key] = value !== null && typeof value === 'object' ? structuredClone(value) : value;
    changed = true;
  }
  return changed;
}

// The defaults lib/schemas.ts gave these fields when v4 was written; 0.1.0 had no seq, ces,
// momentOfTruth, context or part.
const SESSION_DEFAULTS: Row = { persona: '', scenario: '', tags: [], verdict: '', seq: {}, ces: null, completedAt: null };
const STEP_DEFAULTS: Row = { stageId: null, note: '', scores: {}, severity: null, tags: [], emotion: null, momentOfTruth: false, context: null };
const SCREENSHOT_DEFAULTS: Row = { annotations: [], part: null };

export const repairSessionV4 = (row: Row) => fill(row, SESSION_DEFAULTS);
export const repairStepV4 = (row: Row) => fill(row, STEP_DEFAULTS);
export const repairScreenshotV4 = (row: Row) => fill(row, SCREENSHOT_DEFAULTS);

/** The trash keeps copies of deleted records for the undo window; a restore must put back valid ones. */
function repairTrashEntry(entry: Row): boolean {
  let changed = false;
  const each = (key: string, repair: (row: Row) => boolean) => {
    const rows = entry[key];
    if (Array.isArray(rows)) for (const row of rows as Row[]) changed = repair(row) || changed;
  };
  each('sessions', repairSessionV4);
  each('steps', repairStepV4);
  each('screenshots', repairScreenshotV4);
  return changed;
}

export async function upgradeV4(tx: Transaction): Promise<void> {
  // modify() skips the write of a record whose callback returns false: complete records stay untouched.
  await tx.table('sessions').toCollection().modify((row: Row) => repairSessionV4(row));
  await tx.table('steps').toCollection().modify((row: Row) => repairStepV4(row));
  await tx.table('screenshots').toCollection().modify((row: Row) => repairScreenshotV4(row));
  await tx.table('trash').toCollection().modify((row: Row) => repairTrashEntry(row));

  // Every summary again, whatever shape it had; those of sessions that are gone go with them.
  const sessions: SessionV3[] = await tx.table('sessions').toArray();
  const stepsOf = bySession<StepV3>(await tx.table('steps').toArray());
  const shotsOf = bySession<ScreenshotV3>(await tx.table('screenshots').toArray());
  await tx.table('summaries').clear();
  await tx.table('searchTexts').clear();
  const built = sessions.map((s) => summariseV3(s, stepsOf.get(s.id) ?? [], shotsOf.get(s.id) ?? []));
  await tx.table('summaries').bulkPut(built.map((b) => b.summary));
  await tx.table('searchTexts').bulkPut(built.map((b) => b.search));
}
