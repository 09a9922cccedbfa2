import { useEffect, useState } from 'preact/hooks';
import { LibraryView } from '@/components/dashboard/LibraryView';
import { ReviewView } from '@/components/dashboard/ReviewView';
import { CompareView } from '@/components/dashboard/CompareView';
import { WorkspaceView } from '@/components/dashboard/WorkspaceView';
import { TeamFrictionView } from '@/components/dashboard/TeamFrictionView';
import { parseRoute, routeHash, type Route } from './route';

// Wiring only: the address picks the view; each view reads IndexedDB itself (live) and sends every
// write to the background.

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
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
        {route.view === 'session' && <ReviewView sessionId={route.sessionId} onBack={() => go({ view: 'library' })} onOpen={(sessionId) => go({ view: 'session', sessionId })} />}
        {route.view === 'workspace' && <WorkspaceView />}
        {route.view === 'friction' && <TeamFrictionView onOpen={(sessionId) => go({ view: 'session', sessionId })} />}
        {route.view === 'compare' && <CompareView sessionIds={route.sessionIds} onOpen={(sessionId) => go({ view: 'session', sessionId })} onCompare={(sessionIds) => go({ view: 'compare', sessionIds })} />}
      </main>
    </div>
  );
}
