import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getDb } from '@/lib/db';
import { activeSession, savedRubrics, screenshotsBySession, sessionsByRecent, stepsOfSession } from '@/lib/db/queries';
import { sendRequest, sendToWorker, onAppEvent } from '@/lib/browser/messaging';
import { toAppError, userMessage, type AppError } from '@/lib/errors';
import { BUILT_IN_RUBRICS, DEFAULT_STAGE_NAMES } from '@/lib/rubric/builtin';
import { brandAlignmentScore } from '@/lib/scoring/alignment';
import { browserName, shortUrl } from '@/lib/format';
import type { Rubric, Session, Step } from '@/lib/schemas';
import { browser } from 'wxt/browser';
import { MAX_BUNDLE_BYTES } from '@/lib/messages';
import { useLiveQuery } from '@/components/hooks';
import { Alert } from '@/components/Alert';
import { CaptureBar } from '@/components/CaptureBar';
import { SessionHeader } from '@/components/SessionHeader';
import { SessionList } from '@/components/SessionList';
import { StartSessionForm, type StartValues } from '@/components/StartSessionForm';
import { SummaryView } from '@/components/SummaryView';
import { ShortcutHelp } from '@/components/ShortcutHelp';
import { CompleteSessionForm, SeqPrompt } from '@/components/EffortQuestions';
import { pendingSeqStage, unansweredStages } from '@/lib/scoring/questions';
import { usePanelKeys } from './usePanelKeys';
import { StepRow, focusInStep } from './StepRow';
import { ExportCard, type ExportKind } from '@/components/ExportCard';
import { ImportBundle } from '@/components/ImportBundle';
import { exportSession } from './exports';
import { useNoteSaver } from '@/components/useNoteSaver';
import { useTargetTab } from './useTargetTab';
import { openDashboard } from '@/lib/browser/pages';
import { usePicker } from './usePicker';
import { PickButtons } from '@/components/PickButtons';
import { PickStatus } from '@/components/PickStatus';
import { useFullPageCapture } from './useFullPageCapture';
import { FullPageCapture } from '@/components/FullPageCapture';

const db = getDb();

export function App({ boundTabId, shortcut }: { boundTabId: number | null; shortcut: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [capturing, setCapturing] = useState(false);
  // What is on screen: by default the active session, else the latest paused one (a shopper
  // back from a break finds it waiting); or a session opened from the list; or the start form.
  const [view, setView] = useState<{ kind: 'default' } | { kind: 'new' } | { kind: 'session'; id: string }>({ kind: 'default' });
  const openedId = view.kind === 'session' ? view.id : null;
  const [expandedId, setExpandedId] = useState<string | null>(null);
  const [tab, setTab] = useState<'steps' | 'summary'>('steps');
  const [helpOpen, setHelpOpen] = useState(false);
  // A preference of this device, not audit data: kept in the page's localStorage.
  const [singleKeys, setSingleKeys] = useState(() => localStorage.getItem('ms-single-keys') !== 'off');
  const [completing, setCompleting] = useState(false);
  const capturingNow = useRef(false);
  const [importing, setImporting] = useState<{ done: number; total: number } | null>(null);
  const importAbort = useRef<AbortController | null>(null);
  const [importNotice, setImportNotice] = useState<string | null>(null);

  const active = useLiveQuery(() => activeSession(db), [], undefined);
  // null until the first read: the start form must not flash before a session appears.
  const recent = useLiveQuery<Session[] | null>(() => sessionsByRecent(db, 8), [], null);
  const opened = useLiveQuery(async () => (openedId ? db.sessions.get(openedId) : undefined), [openedId], undefined);
  const latestPaused = recent?.find((s) => s.status === 'paused');
  // While a just-opened session loads, keep showing what we know of it: no flash of the form.
  const known = (id: string) => (opened?.id === id ? opened : active?.id === id ? active : recent?.find((s) => s.id === id));
  const session = view.kind === 'new' ? undefined : view.kind === 'session' ? known(view.id) : (active ?? latestPaused);
  const steps = useLiveQuery(async () => (session ? stepsOfSession(db, session.id) : []), [session?.id], [] as Step[]);
  // Built-in templates first, then the team's own rubrics (authored in the rubric editor).
  const ownRubrics = useLiveQuery(() => savedRubrics(db), [], [] as Rubric[]);
  const rubrics = useMemo(() => [...BUILT_IN_RUBRICS, ...ownRubrics], [ownRubrics]);
  const shots = useLiveQuery(async () => (session ? screenshotsBySession(db, session.id) : new Map()), [session?.id], new Map());
  const { tabId, page } = useTargetTab(boundTabId);
  const fullPage = useFullPageCapture((reply, cancelled) => {
    // A cancel the shopper asked for needs no error: nothing was saved, as they wanted.
    if (reply.ok) {
      setError(null);
      setExpandedId(reply.value.id);
    } else if (!cancelled) setError(userMessage(reply.error));
  });
  const picker = usePicker({
    tabId,
    sessionId: session?.id,
    onStep: (id) => {
      setError(null);
      setExpandedId(id);
      focusInStep(id, '[role="radiogroup"] [tabindex="0"]');
    },
    onError: (e) => setError(userMessage(e)),
  });

  const { noteSaver, noteStates } = useNoteSaver();

  const [autoNote, setAutoNote] = useState<string | null>(null);
  useEffect(
    () =>
      onAppEvent((e) => {
        if (e.event === 'auto.skipped') setAutoNote(autoSkipNote(e.url, e.error));
        else setError(userMessage(e.error));
      }),
    [],
  );

  // A new step opens for noting as soon as it appears, whichever way it was captured.
  const lastStepId = steps.at(-1)?.id;
  // ...unless the shopper is typing in another step's note, which must keep its focus.
  useEffect(() => {
    if (lastStepId && !(document.activeElement instanceof HTMLTextAreaElement)) setExpandedId(lastStepId);
  }, [lastStepId]);
  // A completion form belongs to the session it was opened for.
  useEffect(() => setCompleting(false), [session?.id]);

  async function run<T>(action: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>) {
    setBusy(true);
    try {
      const reply = await action();
      if (reply.ok) setError(null);
      else setError(userMessage(reply.error));
      return reply.ok ? reply.value : undefined;
    } finally {
      setBusy(false);
    }
  }

  async function start({ autoCapture, ...values }: StartValues) {
    const ua = navigator as Navigator & { userAgentData?: { brands: { brand: string; version: string }[] } };
    const started = await run(() =>
      sendRequest('session.start', {
        ...values,
        ...(tabId !== null ? { tabId, ...(autoCapture ? { autoCapture: { tabId } } : {}) } : {}),
        environment: {
          userAgent: navigator.userAgent,
          browser: browserName(navigator.userAgent, ua.userAgentData?.brands),
          viewport: page?.viewport ?? null,
          devicePixelRatio: page?.devicePixelRatio ?? null,
        },
      }),
    );
    if (started) setView({ kind: 'default' });
  }

  async function capture() {
    if (tabId === null) return setError(userMessage({ kind: 'no-tab' }));
    // One capture at a time from the panel: a double press must not make two steps, a
    // full-page capture owns the page's scroll position until it ends, and an open picker's
    // outline would be in the pixels.
    if (capturingNow.current || fullPage.progress || picker.mode) return;
    capturingNow.current = true;
    setCapturing(true);
    try {
      const step = await run(() => sendRequest('step.capture', { tabId, sessionId: session?.id })).finally(() => (capturingNow.current = false));
      if (step) {
        setExpandedId(step.id);
        // Straight on to scoring: the first pillar of the new step takes the focus.
        focusInStep(step.id, '[role="radiogroup"] [tabindex="0"]');
      }
    } finally {
      setCapturing(false);
    }
  }

  usePanelKeys({ session, steps, expandedId, singleKeys, capture, run, setHelpOpen, setTab, setExpandedId });

  async function importBundle(file: File) {
    setImporting({ done: 0, total: file.size });
    setImportNotice(null);
    const abort = (importAbort.current = new AbortController());
    try {
      if (file.size > MAX_BUNDLE_BYTES) return setError(`“${file.name}” was not imported: it is larger than 2 GB.`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const reply = await sendToWorker('bundle.import', { bytes }, [bytes.buffer], {
        signal: abort.signal,
        onProgress: (done, total) => setImporting({ done, total }),
      });
      if (!reply.ok) {
        // An import's refusal already says what and where (e.g. "manifest.json: counts.steps …").
        const why = reply.error.kind === 'invalid-message' ? reply.error.detail : userMessage(reply.error);
        return setError(`“${file.name}” was not imported, and nothing changed: ${why}`);
      }
      setError(null);
      const { sessions: n, steps: m } = reply.value;
      setImportNotice(`Imported ${n} ${n === 1 ? 'session' : 'sessions'} with ${m} ${m === 1 ? 'step' : 'steps'} from “${file.name}”.`);
    } catch (e) {
      setError(`“${file.name}” could not be read: ${userMessage(toAppError(e))}`);
    } finally {
      importAbort.current = null;
      setImporting(null);
    }
  }

  async function runExport(kind: ExportKind, sessionId: string) {
    setBusy(true);
    try {
      await exportSession(kind, sessionId);
      setError(null);
    } catch (e) {
      setError(userMessage(toAppError(e)));
    } finally {
      setBusy(false);
    }
  }

  async function setStatus(status: Session['status']) {
    if (!session) return;
    // Keep this session on screen whatever its new status.
    setView({ kind: 'session', id: session.id });
    await run(() => sendRequest('session.setStatus', { sessionId: session.id, status }));
  }
  const alignment = session ? brandAlignmentScore(steps, session.rubric) : null;
  const seqStage = session ? pendingSeqStage(session, steps) : null;

  return (
    <main class="panel">
      <header class="app-header">
        <span class="logo" aria-hidden="true">◎</span>
        <h1>Mystery Shopper</h1>
        <button type="button" class="link header-help" onClick={() => void openDashboard()}>
          Dashboard
        </button>
        <button type="button" class="link" aria-keyshortcuts="?" onClick={() => setHelpOpen(true)}>
          Keyboard shortcuts
        </button>
      </header>
      <ShortcutHelp
        open={helpOpen}
        browserShortcut={shortcut}
        singleKeys={singleKeys}
        onSingleKeys={(on) => {
          localStorage.setItem('ms-single-keys', on ? 'on' : 'off');
          setSingleKeys(on);
        }}
        onClose={() => setHelpOpen(false)}
      />
      <Alert message={error} onDismiss={() => setError(null)} />
      {recent === null ? null : !session || !alignment ? (
        <>
          <StartSessionForm rubrics={rubrics} onEditRubrics={openRubricEditor} defaultStages={DEFAULT_STAGE_NAMES} suggestedUrl={page?.problem ? '' : (page?.url ?? '')} busy={busy} onStart={start} />
           <SessionList sessions={recent} onOpen={(id) => setView({ kind: 'session', id })} />
          <ImportBundle progress={importing} notice={importNotice} onFile={(file) => void importBundle(file)} onCancel={() => importAbort.current?.abort()} />
        </>
      ) : (
        <>
          <SessionHeader
            session={session}
            alignment={alignment}
            busy={busy}
            onPause={() => setStatus('paused')}
            onResume={() => setStatus('active')}
            onComplete={() => setCompleting(true)}
            onClose={() => setView({ kind: 'new' })}
          />
          {completing && session.status !== 'completed' && (
            <CompleteSessionForm
              openStages={unansweredStages(session, steps)}
              busy={busy}
              onCancel={() => setCompleting(false)}
              onComplete={async ({ ces, verdict, seq }) => {
                const id = session.id;
                // Notes still in flight must land before the session becomes read-only.
                await noteSaver.flush();
                const saved = await run(() => sendRequest('session.update', { sessionId: id, patch: { ces, verdict, ...(Object.keys(seq).length ? { seq } : {}) } }));
                if (saved) {
                  setCompleting(false);
                  await setStatus('completed');
                }
              }}
            />
          )}
          {seqStage && session.status === 'active' && (
            <SeqPrompt stage={seqStage} onAnswer={(value) => run(() => sendRequest('session.update', { sessionId: session.id, patch: { seq: { [seqStage.id]: value } } }))} />
          )}
          {session.status === 'active' && (
            <>
              <CaptureBar
                page={page}
                busy={capturing || fullPage.progress !== null || !!picker.mode}
                shortcut={shortcut}
                onCapture={capture}
                autoCapture={session.autoCapture === true && session.tabId === tabId}
                onAutoCapture={(on) => {
                  setAutoNote(null);
                  if (on && tabId === null) return setError(userMessage({ kind: 'no-tab' }));
                  void run(() => sendRequest('session.setAutoCapture', on && tabId !== null ? { sessionId: session.id, on, tabId } : { sessionId: session.id, on: false }));
                }}
                autoNote={autoNote}
              >
                <FullPageCapture
                  disabled={capturing || !!picker.mode}
                  progress={fullPage.progress}
                  onCapture={(method) => (tabId === null ? setError(userMessage({ kind: 'no-tab' })) : void fullPage.start(tabId, session.id, method))}
                  onCancel={fullPage.cancel}
                />
                {!fullPage.progress && <PickButtons disabled={capturing || !!picker.mode} onPick={(mode) => void picker.pick(mode)} />}
              </CaptureBar>
              <PickStatus mode={picker.mode} notice={picker.notice} onCancel={picker.cancel} onDismiss={picker.dismiss} />
            </>
          )}
          {page?.problem && session.status === 'active' && <p class="hint">{userMessage(page.problem)}</p>}
          <div role="tablist" aria-label="Session views" class="tabs">
            <button type="button" role="tab" id="tab-steps" aria-controls="panel-steps" aria-selected={tab === 'steps'} onClick={() => setTab('steps')}>
              Steps <span class="muted">({steps.length})</span>
            </button>
            <button type="button" role="tab" id="tab-summary" aria-controls="panel-summary" aria-selected={tab === 'summary'} onClick={() => setTab('summary')}>
              Summary
            </button>
          </div>
          {(
            <div role="tabpanel" id="panel-summary" aria-labelledby="tab-summary" hidden={tab !== 'summary'}>
              <SummaryView
                session={session}
                steps={steps}
                onOpenStep={(id) => {
                  setTab('steps');
                  setExpandedId(id);
                  requestAnimationFrame(() => document.getElementById(`step-${id}`)?.scrollIntoView({ block: 'start' }));
                }}
              />
              <ExportCard
                busy={busy}
                canDelete={session.status !== 'active'}
                onExport={(kind) => void runExport(kind, session.id)}
                onDelete={async () => {
                  const id = session.id;
                  const done = await run(() => sendRequest('session.delete', { sessionId: id }));
                  if (done !== undefined) {
                    setTab('steps');
                    setView({ kind: 'new' });
                  }
                }}
              />
            </div>
          )}
          <section role="tabpanel" id="panel-steps" aria-labelledby="tab-steps" class="steps" hidden={tab !== 'steps'}>
            {steps.length === 0 && <p class="empty">No steps yet. Walk the site as a customer would and capture each step.</p>}
            {steps.map((step, i) => (
              <StepRow
                key={step.id}
                step={step}
                number={i + 1}
                session={session}
                shots={shots.get(step.id) ?? []}
                onAddShot={session.status === 'active' ? (mode) => void picker.pick(mode, step.id) : undefined}
                picking={!!picker.mode || capturing}
                expanded={expandedId === step.id}
                noteState={noteStates[step.id]}
                pendingNote={noteSaver.pending(step.id)}
                onToggle={() => setExpandedId(expandedId === step.id ? null : step.id)}
                onNoteInput={(note) => noteSaver.input(step.id, note)}
                onUpdate={(patch) => run(() => sendRequest('step.update', { stepId: step.id, patch }))}
                onDelete={() => run(() => sendRequest('step.delete', { stepId: step.id }))}
              />
            ))}
          </section>
        </>
      )}
    </main>
  );
}

function autoSkipNote(url: string, error: AppError) {
  return `Auto-capture left out ${shortUrl(url) || 'a page'}: ${userMessage(error).replace(/^The capture failed: /, '')}`;
}

function openRubricEditor() {
  void browser.tabs.create({ url: browser.runtime.getURL('/rubrics.html') });
}
