import type { Transaction } from 'dexie';

// Frozen: the version 6 upgrade. Version 5's teamSessions (each team session's summary with every
// thumbnail inside) is dropped by the schema itself; it only ever cached what the workspace server
// holds. What the upgrade does is forget when the team library was last pulled, so the library
// pulls the light rows at once when it next opens instead of showing an empty team part for up to
// a minute. Downloaded team copies, this device's publications and the job queue stay as they are.
// Never edit this file and never import app code here (see v3.ts).

export async function upgradeV6(tx: Transaction): Promise<void> {
  await tx.table('syncStatus').toCollection().modify((status: Record<string, unknown>) => {
    status.lastPullAt = null;
  });
}
