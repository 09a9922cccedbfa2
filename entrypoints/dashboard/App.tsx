import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LibraryView } from '@/components/dashboard/LibraryView';
import { parseRoute, routeHash, type Route } from './route';

// The library is the first view; review, compare and the team pages are loaded when first asked for (size budget,
// README), and kept once loaded.
const loadReview = () => import('@/components/dashboard/ReviewView').then((m) => m.ReviewView);
const loadCompare = () => import('@/components/dashboard/CompareView').then((m) => m.CompareView);
const loadWorkspace = () => import('@/components/dashboard/WorkspaceView').then((m) => m.WorkspaceView);
const loadFriction = () => import('@/components/dashboard/TeamFrictionView').then((m) => m.TeamFrictionView);

function useView<P>(load: () => Promise<ComponentType<P>>, wanted: boolean): ComponentType<P> | null {
  const [view, setView] = useState<ComponentType<P> | null>(null);
  useEffect(() => {
    if (wanted && !view) void load().then((v) => setView(() => v));
  }, [wanted, view, load]);
  return view;
}

// Wiring only: the address picks the view; each view reads IndexedDB itself (live) and sends every
// write to the background.

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const ReviewView = useView(loadReview, route.view === 'session');
  const CompareView = useView(loadCompare, route.view === 'compare');
  const WorkspaceView = useView(loadWorkspace, route.view === 'workspace');
  const TeamFrictionView = useView(loadFriction, route.view === 'friction');
  const go = (next: Route) => {
    location.hash = routeHash(next);
  };

  return (
    <div class="dashboard">
      <header class="dashboard-header">
        <a class="brand" href="#/">
          Mystery Shopper
        </a>
        <nav aria-label="Dashboard">
          <a href="#/" aria-current={route.view === 'library' ? 'page' : undefined}>
            Sessions
          </a>
          <a href="#/friction" aria-current={route.view === 'friction' ? 'page' : undefined}>
            Team friction
          </a>
          <a href="#/workspace" aria-current={route.view === 'workspace' ? 'page' : undefined}>
            Team workspace
          </a>
        </nav>
      </header>
      <main class="dashboard-main">
        {route.view === 'library' && <LibraryView onOpen={(sessionId) => go({ view: 'session', sessionId })} onCompare={(sessionIds) => go({ view: 'compare', sessionIds })} />}
        {((route.view === 'session' && !ReviewView) || (route.view === 'compare' && !CompareView) || (route.view === 'workspace' && !WorkspaceView) || (route.view === 'friction' && !TeamFrictionView)) && (
          <p class="muted" role="status">
            Loading…
          </p>
        )}
        {route.view === 'session' && ReviewView && <ReviewView sessionId={route.sessionId} stepId={route.stepId} onBack={() => go({ view: 'library' })} onOpen={(sessionId) => go({ view: 'session', sessionId })} />}
        {route.view === 'workspace' && WorkspaceView && <WorkspaceView />}
        {route.view === 'friction' && TeamFrictionView && <TeamFrictionView onOpen={(sessionId, stepId) => go({ view: 'session', sessionId, stepId })} />}
        {route.view === 'compare' && CompareView && <CompareView sessionIds={route.sessionIds} onOpen={(sessionId) => go({ view: 'session', sessionId })} onCompare={(sessionIds) => go({ view: 'compare', sessionIds })} />}
      </main>
    </div>
  );
}
