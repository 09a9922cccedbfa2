import { strToU8 } from 'fflate';
import type { HostileCase } from './hostile-zip';
import { assemble, fakeImage, json, noise, partsOf, sampleData, type AssembleOptions, type Json, type Parts } from './sample';

// Hostile bundles whose zip is sound and whose manifest is truthful about the bytes, so that what is
// tested is the content check itself: prototype keys, wrong types, long strings, missing or extra
// images, references that go nowhere, manifests that lie, versions from the future.

type Path = Array<string | number>;

const get = (value: Json, path: Path): Json => path.reduce((v, k) => v[k], value);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function setKey(target: Json, key: string | number, value: unknown) {
  // defineProperty, so that "__proto__" becomes an own key as JSON.parse would make it.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export async function hostileRecordCases(): Promise<HostileCase[]> {
  const cases: HostileCase[] = [];
  const variant = async (name: string, expect: RegExp, change: (parts: Parts) => void, opts?: AssembleOptions) => {
    const parts = partsOf(sampleData());
    change(parts);
    cases.push({ name, bytes: await assemble(parts, opts), expect });
  };
  const inRecords = (name: string, path: Path, value: unknown, expect: RegExp) =>
    variant(name, expect, (p) => setKey(get(p.records, path.slice(0, -1)), path.at(-1)!, value));
  const inManifest = (name: string, change: (m: Json) => void, expect: RegExp) => variant(name, expect, () => {}, { manifest: change });

  // Keys that reach JavaScript prototypes, at every depth of both JSON files.
  const recordDepths: Path[] = [[], ['sessions', 0], ['sessions', 0, 'rubric'], ['sessions', 0, 'rubric', 'pillars', 0], ['sessions', 0, 'environment'], ['sessions', 0, 'seq'], ['steps', 0], ['steps', 0, 'scores'], ['screenshots', 0], ['screenshots', 0, 'annotations', 0]];
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    for (const path of recordDepths)
      await inRecords(`"${key}" in sessions.json at ${path.join('.') || 'the top'}`, [...path, key], { polluted: true }, new RegExp(`^sessions\\.json: .*the key "${key}" is not allowed`));
    await inRecords(`"${key}" deep in an annotation`, ['screenshots', 0, 'annotations', 1, 'region'], { a: { b: { [key]: 1 } } }, new RegExp(`the key "${key}" is not allowed`));
    for (const path of [[], ['counts'], ['files', 0]] as Path[])
      await inManifest(`"${key}" in manifest.json at ${path.join('.') || 'the top'}`, (m) => setKey(get(m, path), key, 1), new RegExp(`^manifest\\.json: .*the key "${key}" is not allowed`));
  }

  // Every field of every kind of record, with a value of the wrong type.
  const sample = partsOf(sampleData()).records;
  const wrongType = (value: unknown) => (typeof value === 'string' ? 42 : value === null ? {} : 'x');
  const objects: Path[] = [['sessions', 1], ['steps', 0], ['screenshots', 0], ['sessions', 0, 'rubric'], ['sessions', 0, 'rubric', 'pillars', 0], ['sessions', 0, 'rubric', 'scale'], ['sessions', 0, 'environment'], ['sessions', 0, 'stages', 0], ['steps', 0, 'viewport']];
  for (const object of objects) {
    for (const [key, value] of Object.entries(get(sample, object))) {
      const path = [...object, key];
      await inRecords(`${path.join('.')} of the wrong type`, path, wrongType(value), new RegExp(`^sessions\\.json: ${escape(path.join('.'))}`));
    }
    await inRecords(`an unknown field in ${object.join('.')}`, [...object, 'extra'], 1, new RegExp(`${escape(object.join('.'))}: has unknown field "extra"`));
  }
  for (const key of ['id', 'title', 'brand', 'startUrl', 'promise', 'stages', 'status', 'rubric', 'environment', 'createdAt', 'updatedAt'])
    await variant(`sessions.0.${key} missing`, new RegExp(`sessions\\.0\\.${key}: is missing`), (p) => delete p.records.sessions[0][key]);
  for (const key of ['id', 'sessionId', 'position', 'capturedAt', 'sincePreviousMs', 'url', 'pageTitle', 'viewport', 'devicePixelRatio', 'updatedAt'])
    await variant(`steps.0.${key} missing`, new RegExp(`steps\\.0\\.${key}: is missing`), (p) => delete p.records.steps[0][key]);
  for (const key of ['id', 'stepId', 'sessionId', 'kind', 'mimeType', 'width', 'height', 'bytes', 'thumbWidth', 'createdAt'])
    await variant(`screenshots.0.${key} missing`, new RegExp(`screenshots\\.0\\.${key}: is missing`), (p) => delete p.records.screenshots[0][key]);
  await variant('sessions.json without its steps', /steps: is missing/, (p) => delete p.records.steps);
  await inRecords('an unknown table in sessions.json', ['rubrics'], [], /unknown field "rubrics"/);

  // Strings one character longer than the schema allows; lists one item longer.
  const long: Array<[Path, number]> = [
    [['sessions', 0, 'id'], 64], [['sessions', 0, 'title'], 200], [['sessions', 0, 'brand'], 200], [['sessions', 0, 'startUrl'], 4000],
    [['sessions', 0, 'promise'], 1000], [['sessions', 0, 'persona'], 2000], [['sessions', 0, 'scenario'], 2000], [['sessions', 0, 'verdict'], 20_000],
    [['sessions', 0, 'tags', 0], 60], [['sessions', 0, 'stages', 0, 'name'], 60], [['sessions', 0, 'rubric', 'name'], 100],
    [['sessions', 0, 'rubric', 'description'], 500], [['sessions', 0, 'rubric', 'pillars', 0, 'name'], 60], [['sessions', 0, 'rubric', 'pillars', 0, 'description'], 300],
    [['sessions', 0, 'rubric', 'scale', 'labels', 0], 40], [['sessions', 0, 'environment', 'userAgent'], 1000], [['sessions', 0, 'environment', 'browser'], 200],
    [['steps', 0, 'id'], 64], [['steps', 0, 'url'], 8000], [['steps', 0, 'pageTitle'], 1000], [['steps', 0, 'note'], 20_000], [['steps', 0, 'tags', 0], 60],
    [['screenshots', 0, 'id'], 64], [['screenshots', 0, 'stepId'], 64],
  ];
  for (const [path, max] of long)
    await inRecords(`${path.join('.')} of ${max + 1} characters`, path, 'x'.repeat(max + 1), new RegExp(`${escape(path.join('.'))}: is longer than ${max}`));
  await inRecords('51 tags on a step', ['steps', 0, 'tags'], Array.from({ length: 51 }, (_, i) => `t${i}`), /steps\.0\.tags: has more than 50 items/);
  await inRecords('21 stages', ['sessions', 0, 'stages'], Array.from({ length: 21 }, (_, i) => ({ id: `g${i}`, name: 'S' })), /sessions\.0\.stages: has more than 20/);

  // Values of the right type but outside what the app stores.
  const outOfRange: Array<[Path, unknown]> = [
    [['steps', 0, 'severity'], 5], [['steps', 0, 'emotion'], 3], [['steps', 0, 'emotion'], -3], [['steps', 0, 'position'], -1],
    [['steps', 0, 'capturedAt'], 1.5], [['steps', 0, 'scores', 'get-it-right'], 11], [['steps', 0, 'scores', 'get-it-right'], 'n/a'],
    [['sessions', 1, 'ces'], 8], [['sessions', 1, 'seq', 'sb-st1'], 0], [['sessions', 0, 'status'], 'deleted'], [['sessions', 0, 'stages'], []],
    [['sessions', 0, 'rubric', 'pillars'], []], [['sessions', 0, 'rubric', 'pillars', 0, 'weight'], 0], [['sessions', 0, 'rubric', 'scale', 'max'], 11],
    [['screenshots', 0, 'kind'], 'video'], [['screenshots', 0, 'mimeType'], 'image/gif'], [['screenshots', 0, 'width'], 0], [['screenshots', 0, 'devicePixelRatio'], 17],
  ];
  for (const [path, value] of outOfRange)
    await inRecords(`${path.join('.')} = ${JSON.stringify(value)}`, path, value, new RegExp(`^sessions\\.json: ${escape(path.slice(0, path[0] === 'steps' && path[2] === 'scores' ? 3 : undefined).join('.'))}`));

  // References that go nowhere, and ids that appear twice.
  await inRecords('a step of a session not in the bundle', ['steps', 0, 'sessionId'], 'ghost', /steps\.0\.sessionId: "ghost" is not a session/);
  await inRecords('a step in a stage its session lacks', ['steps', 0, 'stageId'], 'ghost', /steps\.0\.stageId: "ghost" is not a stage/);
  await inRecords("a step in another session's stage", ['steps', 0, 'stageId'], 'sb-st1', /is not a stage of session "sa"/);
  await inRecords('a screenshot of a step not in the bundle', ['screenshots', 0, 'stepId'], 'ghost', /screenshots\.0\.stepId: "ghost" is not a step/);
  await inRecords('a screenshot in a session other than its step', ['screenshots', 0, 'sessionId'], 'sb', /is not the session of its step/);
  await inRecords('a screenshot id that is not a path segment', ['screenshots', 0, 'id'], 'a/b', /screenshots\.0\.id: "a\/b" may hold only/);
  await inRecords('a screenshot id of ".."', ['screenshots', 0, 'id'], '..', /may hold only/);
  for (const table of ['sessions', 'steps', 'screenshots'])
    await variant(`a duplicate in ${table}`, new RegExp(`${table}\\.\\d+\\.id: "[^"]+" appears twice`), (p) => p.records[table].push(structuredClone(p.records[table][0])));

  // Records the schemas pass but the app's own edits would refuse (issue 12), and sizes that lie.
  await inRecords('a score of 9 on a 1–5 scale', ['steps', 0, 'scores', 'get-it-right'], 9, /^sessions\.json: steps\.0\.scores\.get-it-right: score 9 is outside the scale 1–5/);
  await inRecords('a score for a pillar the rubric lacks', ['steps', 0, 'scores', 'speed'], 3, /^sessions\.json: steps\.0\.scores\.speed: no pillar "speed" in this session's rubric/);
  await inRecords('two steps at the same position', ['steps', 1, 'position'], 0, /^sessions\.json: steps\.1\.position: 0 is also the position of step "a1" in session "sa"/);
  await inRecords('a screenshot that declares 999,999,999 bytes', ['screenshots', 0, 'bytes'], 999_999_999, /^sessions\.json: screenshots\.0\.bytes: says 999999999, but its image holds \d+ bytes/);
  await variant('a file that starts like a JPEG but does not decode', /^images\/sh-1\/full\.jpg: the file starts like image\/jpeg but does not decode/, (p) => {
    const broken = noise(p.files.get('images/sh-1/full.jpg')!.length, 99);
    broken.set([0xff, 0xd8, 0xff, 0xe0]);
    p.files.set('images/sh-1/full.jpg', broken);
  });

  // Images missing, extra, doubled or not what they say.
  for (const path of partsOf(sampleData()).files.keys()) {
    await variant(`${path} missing`, /is missing; screenshot/, (p) => p.files.delete(path));
    await variant(`${path} missing but still listed`, new RegExp(`files\\.\\d+\\.path: "${escape(path)}" is listed but not in the zip`), (p) => p.files.delete(path), {
      manifest: (m) => m.files.push({ path, bytes: 1, sha256: '0'.repeat(64) }),
    });
  }
  const drop = (path: string) => (m: Json) => (m.files = m.files.filter((f: Json) => f.path !== path));
  await variant('an image not listed in the manifest', /images\/sh-1\/full\.jpg: is in the zip but not listed/, () => {}, { manifest: drop('images/sh-1/full.jpg') });
  await variant('an image of a screenshot not in the bundle', /no screenshot in sessions\.json has the id "ghost"/, (p) => p.files.set('images/ghost/full.jpg', fakeImage('image/jpeg', 100, 1)));
  await variant('a screenshot removed but its images kept', /no screenshot in sessions\.json has the id "sh-2"/, (p) => p.records.screenshots.splice(1, 1));
  await variant('a second full image', /a second full image for screenshot "sh-1"/, (p) => p.files.set('images/sh-1/full.png', fakeImage('image/png', 100, 1)));
  await variant('a full image of another type than its screenshot', /screenshot "sh-1" is image\/jpeg, but this image is image\/png/, (p) => {
    p.files.set('images/sh-1/full.png', p.files.get('images/sh-1/full.jpg')!);
    p.files.delete('images/sh-1/full.jpg');
  });
  await variant('a thumbnail whose bytes are another type', /thumb\.webp: the file is image\/jpeg, not image\/webp/, (p) => p.files.set('images/sh-1/thumb.webp', fakeImage('image/jpeg', 100, 2)));
  await variant('an image that is HTML', /full\.png: the file is not image\/png/, (p) => p.files.set('images/sh-3/full.png', strToU8('<svg onload=alert(1)>')));
  await variant('an empty image', /thumb\.jpg: the file is not image\/jpeg/, (p) => p.files.set('images/sh-4/thumb.jpg', new Uint8Array(0)));

  // Manifests that lie about counts, sizes or checksums.
  for (const table of ['sessions', 'steps', 'screenshots', 'images'])
    for (const delta of [-1, 1]) await inManifest(`counts.${table} off by ${delta}`, (m) => (m.counts[table] += delta), new RegExp(`counts\\.${table} says`));
  for (const [i, path] of ['sessions.json', ...partsOf(sampleData()).files.keys()].entries()) {
    await inManifest(`a wrong checksum for ${path}`, (m) => (m.files[i].sha256 = m.files[(i + 1) % m.files.length].sha256), new RegExp(`^${escape(path)}: checksum does not match the manifest`));
    await inManifest(`a wrong size for ${path}`, (m) => (m.files[i].bytes += 1), new RegExp(`^${escape(path)}: is \\d+ bytes, but manifest\\.json says`));
  }
  await inManifest('a manifest that lists itself', (m) => m.files.push({ path: 'manifest.json', bytes: 1, sha256: '0'.repeat(64) }), /cannot list itself/);
  await inManifest('a manifest that lists a file twice', (m) => m.files.push(m.files[0]), /"sessions\.json" is listed twice/);
  await inManifest('an uppercase checksum', (m) => (m.files[0].sha256 = m.files[0].sha256.toUpperCase()), /files\.0\.sha256: must be 64 lowercase/);
  await inManifest('an over-long appVersion', (m) => (m.appVersion = '1'.repeat(41)), /appVersion: is longer than 40/);
  await inManifest('a negative createdAt', (m) => (m.createdAt = -1), /createdAt/);
  await inManifest('an unknown manifest field', (m) => (m.signedBy = 'me'), /unknown field "signedBy"/);
  await inManifest('an unknown count', (m) => (m.counts.rubrics = 0), /counts: has unknown field "rubrics"/);

  // Versions from the future and formats that are not ours.
  for (const version of [2, 3, 99, 1e6])
    await inManifest(`version ${version}`, (m) => (m.version = version), /made by a newer Mystery Shopper.*update to import it/);
  for (const version of ['2', 0, 1.5, null, -1]) await inManifest(`version ${JSON.stringify(version)}`, (m) => (m.version = version), /manifest\.json: version/);
  await inManifest('no version', (m) => delete m.version, /manifest\.json: version: is missing/);
  for (const format of ['mystery-shopper-rubric', '', 'Mystery-Shopper-Bundle', 42, undefined])
    await inManifest(`format ${JSON.stringify(format)}`, (m) => (m.format = format), /not a Mystery Shopper bundle/);
  const manifestOf = (name: string, bytes: Uint8Array, expect: RegExp) => variant(name, expect, () => {}, { manifestBytes: bytes });
  for (const value of [[], 'bundle', null, 42]) await manifestOf(`a manifest that is ${JSON.stringify(value)}`, json(value), /format is .* not "mystery-shopper-bundle"/);
  await manifestOf('a manifest that is not JSON', strToU8('format: bundle'), /manifest\.json: is not valid JSON/);
  await manifestOf('an empty manifest', new Uint8Array(0), /manifest\.json: is not valid JSON/);
  await manifestOf('a manifest that is not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /manifest\.json: is not UTF-8/);
  await manifestOf('a manifest nested 200,000 deep', strToU8('['.repeat(200_000) + ']'.repeat(200_000)), /manifest\.json: is nested too deeply|manifest\.json: format/);
  const recordsOf = (name: string, bytes: Uint8Array, expect: RegExp) => variant(name, expect, () => {}, { recordsBytes: bytes });
  await recordsOf('sessions.json that is not JSON', strToU8('{"sessions": ['), /sessions\.json: is not valid JSON/);
  await recordsOf('sessions.json that is a list', json([]), /sessions\.json: the file: must be an object/);
  await recordsOf('sessions.json that is not UTF-8', new Uint8Array([0x22, 0xc3, 0x28, 0x22]), /sessions\.json: is not UTF-8/);

  const cancelled = new AbortController();
  cancelled.abort();
  cases.push({ name: 'a signal aborted before reading', bytes: await assemble(partsOf(sampleData())), expect: /cancelled/, opts: { signal: cancelled.signal } });
  return cases;
}
