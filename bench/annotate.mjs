// Issue 5's benchmark, run by `npm run bench` on the capture run's session: the time from the
// editor's Save to the reply, for a save that burns a new redaction into a 1280×800 screenshot
// (decode, fill, re-encode, thumbnail, one transaction) against a save of vectors only (thumbnail
// redrawn, image untouched), measured interleaved in the same browser. Each save's phases come
// from the worker's User Timing measures (lib/capture/marks.ts).

import { takeMeasures } from './capture.mjs';
import { phaseRows, readAll, row } from './util.mjs';

export async function annotateBenchmarks(panel, worker, SAMPLES) {
  const shot = (await readAll(panel, 'screenshots')).find((s) => s.kind === 'visible');
  if (!shot) throw new Error('annotate bench: no visible screenshot to annotate');
  const save = async (annotations, phases) => {
    await takeMeasures(worker);
    const { ms, sentAt, repliedAt } = await panel.evaluate(async ({ screenshotId, annotations }) => {
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage({ channel: 'mystery-shopper', name: 'screenshot.annotate', payload: { screenshotId, annotations } });
      const t1 = performance.now();
      if (!reply?.ok) throw new Error(JSON.stringify(reply?.error));
      return { ms: t1 - t0, sentAt: performance.timeOrigin + t0, repliedAt: performance.timeOrigin + t1 };
    }, { screenshotId: shot.id, annotations });
    const m = await takeMeasures(worker);
    const one = (name) => m.find((x) => x.name === name);
    const [paint, decode, encode, thumbnail, commit] = ['paint', 'decode', 'encode', 'thumbnail', 'commit'].map(one);
    phases.push({
      'request → paint start (records and image read)': paint && paint.start - sentAt,
      'paint: decode': decode?.duration,
      'paint: encode full (beside the thumbnail)': encode?.duration,
      'paint: encode thumbnail': thumbnail?.duration,
      paint: paint?.duration,
      'paint → commit start': commit && paint && commit.start - (paint.start + paint.duration),
      commit: commit?.duration,
      reply: commit && repliedAt - (commit.start + commit.duration),
    });
    return ms;
  };

  const colors = ['#d92d20', '#1570ef'];
  const redactions = [];
  const burn = [];
  const vectors = [];
  const burnPhases = [];
  const vectorPhases = [];
  for (let i = 0; i < SAMPLES; i++) {
    const box = { id: 'bench-box', type: 'box', x: 0.1, y: 0.1, w: 0.3, h: 0.2, color: colors[i % 2] };
    vectors.push(await save([box, ...redactions], vectorPhases));
    // Burned redactions stay; each round adds one more, so every save here burns exactly one.
    redactions.push({ id: `bench-redact-${i}`, type: 'redact', x: 0.02 + (i % 10) * 0.09, y: 0.5 + Math.floor(i / 10) * 0.1, w: 0.08, h: 0.05 });
    burn.push(await save([box, ...redactions], burnPhases));
  }
  const how = { start: 'before the save request is sent, panel page', stop: "the save's reply (the editor's \"Saved\")" };
  return [
    row({ name: 'annotate save, vectors only (thumbnail redrawn)', values: vectors, goal: 'baseline', phases: phaseRows(vectorPhases), ...how }),
    row({ name: 'annotate save burning a redaction (1280×800)', values: burn, baseline: vectors, goal: '≤ 250 ms', base: 'vectors-only save of the same screenshot, interleaved', phases: phaseRows(burnPhases), ...how }),
  ];
}
