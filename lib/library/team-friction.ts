import type { TeamRowStep, TeamSessionRow } from './team-index';

// Friction across the team: every step at or above a severity, across the chosen team sessions,
// worst first. Pure: it reads the light rows only, never a bundle; each step names its thumbnail,
// which the view fetches when it shows the step.

export interface FrictionRow extends TeamRowStep {
  sessionId: string;
  sessionTitle: string;
  brand: string;
  authorName: string;
}

export function teamFriction(summaries: readonly TeamSessionRow[], minSeverity: number, chosen: ReadonlySet<string> | null = null): FrictionRow[] {
  const rows: FrictionRow[] = [];
  for (const s of summaries) {
    if (chosen && !chosen.has(s.sessionId)) continue;
    for (const step of s.steps)
      if (step.severity !== null && step.severity >= minSeverity)
        rows.push({ ...step, sessionId: s.sessionId, sessionTitle: s.row.title, brand: s.row.brand, authorName: s.authorName });
  }
  return rows.sort((a, b) => b.severity! - a.severity! || a.sessionTitle.localeCompare(b.sessionTitle) || a.position - b.position);
}
