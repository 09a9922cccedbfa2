import { useEffect, useState } from 'preact/hooks';
import { sendRequest, onAppEvent } from '@/lib/browser/messaging';
import { toAppError, userMessage, type AppError } from '@/lib/errors';
import { DEFAULT_STAGE_NAMES } from '@/lib/rubric/builtin';
import { brandAlignmentScore } from '@/lib/scoring/alignment';
import { browserName, shortUrl } from '@/lib/format';
import type { PageDescription } from '@/lib/messages';
import type { Session } from '@/lib/schemas';
import { browser } from 'wxt/browser';
import { Alert } from '@/components/Alert';
import { CaptureBar } from '@/components/CaptureBar';
import { SessionHeader } from '@/components/SessionHeader';
import { SessionList } from '@/components/SessionList';
import { StartSessionForm, type StartValues } from '@/components/StartSessionForm';
import { CompleteSessionForm, SeqPrompt } from '@/components/EffortQuestions';
import { pendingSeqStage, unansweredStages } from '@/lib/scoring/questions';
import { usePanelKeys } from './usePanelKeys';
import { focusInStep } from './StepRow';
import type { ExportKind } from '@/components/ExportCard';
import { DiskReserveSetting, DiskWarning, useDiskRoom } from '@/components/DiskRoom';
import { SafetyRestore } from '@/components/SafetyRestore';
import { TransferAll } from '@/components/TransferAll';
import { useNoteSaver } from '@/components/useNoteSaver';
import { useTargetTab } from './useTargetTab';
import { usePicker } from './usePicker';
import { PickButtons } from '@/components/PickButtons';
import { PickStatus } from '@/components/PickStatus';
import { useFullPageCapture } from './useFullPageCapture';
import { FullPageCapture } from '@/components/FullPageCapture';
import { usePanelSession, withFresh, type FreshStep, type PanelView } from './usePanelSession';
import { SessionTabs, type PanelTab } from './SessionTabs';
import { useVisibleCapture } from './useVisibleCapture';
import { PanelHeader, useSingleKeys } from './PanelHeader';

// Wiring only: the side panel's state and the background requests behind each control; the
// pieces live beside it (usePanelSession: what is shown; SessionTabs: steps and summary;
// PanelHeader; useVisibleCapture, usePicker, useFullPageCapture, usePanelKeys:
// one concern each).

export function App({ boundTabId, shortcut }: { boundTabId: number | null; shortcut: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // What is on screen: see usePanelSession.
  const [view, setView] = useState<PanelView>({ kind: 'default' });
  const [expandedId, setExpandedId] = useState<string | null>(null);
  const [tab, setTab] = useState<PanelTab>('steps');
  const [helpOpen, setHelpOpen] = useState(false);
  const [singleKeys, setSingleKeys] = useSingleKeys();
  const [completing, setCompleting] = useState(false);

  const live = usePanelSession(view);
  const { recent, session, rubrics } = live;
  // A step this panel captured, shown from its own read until the live query lists it.
  const [fresh, setFresh] = useState<FreshStep | null>(null);
  const { steps, shots } = withFresh(live.steps, live.shots, fresh, session?.id);
  const listed = !!fresh && live.steps.some((s) => s.id === fresh.step.id);
  useEffect(() => {
    if (listed) setFresh(null);
  }, [listed]);
  const { tabId, windowId, page } = useTargetTab(boundTabId);
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
    onFresh: (step, stepShots) => setFresh({ step, shots: stepShots }),
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
    const started = await run(() =>
      sendRequest('session.start', {
        ...values,
        ...(tabId !== null ? { tabId, ...(autoCapture ? { autoCapture: { tabId } } : {}) } : {}),
        environment: environmentOf(page),
      }),
    );
    if (started) setView({ kind: 'default' });
  }

  const { capturing, capture } = useVisibleCapture({
    tabId,
    windowId,
    sessionId: session?.id,
    blocked: !!fullPage.progress || !!picker.mode,
    run,
    onNoTab: (e) => setError(userMessage(e)),
    onFresh: (step, stepShots) => setFresh({ step, shots: stepShots }),
    onStep: (step) => {
      setExpandedId(step.id);
      // Straight on to scoring: the first pillar of the new step takes the focus.
      focusInStep(step.id, '[role="radiogroup"] [tabindex="0"]');
    },
  });

  usePanelKeys({ session, steps, expandedId, singleKeys, capture, run, setHelpOpen, setTab, setExpandedId });

  async function runExport(kind: ExportKind, sessionId: string) {
    setBusy(true);
    try {
      // Loaded on the first export: the report, Markdown, CSV and bundle writers are not part of
      // the panel's first view (size budget, README).
      const { exportSession } = await import('./exports');
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
  const [diskRoom, setDiskRoom] = useDiskRoom();
  const alignment = session ? brandAlignmentScore(steps, session.rubric) : null;
  const seqStage = session ? pendingSeqStage(session, steps) : null;

  return (
    <main class="panel">
      <PanelHeader helpOpen={helpOpen} onHelp={setHelpOpen} shortcut={shortcut} singleKeys={singleKeys} onSingleKeys={setSingleKeys} />
      <Alert message={error} onDismiss={() => setError(null)} />
      <DiskWarning room={diskRoom} />
      {/* Above both views: once restored, the panel opens the active session, and the notice stays. */}
      <SafetyRestore />
      {recent === null ? null : !session || !alignment ? (
        <>
          <StartSessionForm rubrics={rubrics} onEditRubrics={openRubricEditor} defaultStages={DEFAULT_STAGE_NAMES} suggestedUrl={page?.problem ? '' : (page?.url ?? '')} busy={busy} onStart={start} />
           <SessionList sessions={recent} onOpen={(id) => setView({ kind: 'session', id })} />
          <DiskReserveSetting room={diskRoom} onChange={setDiskRoom} />
          <TransferAll onError={setError} />
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
          <SessionTabs
            session={session}
            steps={steps}
            stepsLoaded={live.stepsLoaded}
            shots={shots}
            tab={tab}
            onTab={setTab}
            expandedId={expandedId}
            onExpand={setExpandedId}
            busy={busy}
            picking={!!picker.mode || capturing}
            onAddShot={(mode, stepId) => void picker.pick(mode, stepId)}
            noteSaver={noteSaver}
            noteStates={noteStates}
            onUpdate={(stepId, patch) => run(() => sendRequest('step.update', { stepId, patch }))}
            onDeleteStep={(stepId) => run(() => sendRequest('step.delete', { stepId }))}
            onExport={(kind) => void runExport(kind, session.id)}
            onDeleteSession={async () => {
              const id = session.id;
              const done = await run(() => sendRequest('session.delete', { sessionId: id }));
              if (done !== undefined) {
                setTab('steps');
                setView({ kind: 'new' });
              }
            }}
          />
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

/** The browser and the audited page's size, recorded with a new session. */
function environmentOf(page: PageDescription | null) {
  const ua = navigator as Navigator & { userAgentData?: { brands: { brand: string; version: string }[] } };
  return {
    userAgent: navigator.userAgent,
    browser: browserName(navigator.userAgent, ua.userAgentData?.brands),
    viewport: page?.viewport ?? null,
    devicePixelRatio: page?.devicePixelRatio ?? null,
  };
}
