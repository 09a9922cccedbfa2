// The dashboard's address says what is on screen, so a view can be bookmarked, reloaded and opened
// from the side panel: #/ the library, #/session/<id> one session (#/session/<id>/<stepId> at that step), #/compare/<id>,<id>… a comparison,
// #/workspace the team workspace settings, #/friction friction across the team's sessions.

export type Route =
  | { view: 'library' }
  | { view: 'session'; sessionId: string; stepId?: string }
  | { view: 'compare'; sessionIds: string[] }
  | { view: 'workspace' }
  | { view: 'friction' };

export function parseRoute(hash: string): Route {
  const [view, arg = '', step] = hash.replace(/^#\/?/, '').split('/');
  if (view === 'session' && arg) return { view: 'session', sessionId: decodeURIComponent(arg), ...(step ? { stepId: decodeURIComponent(step) } : {}) };
  if (view === 'workspace') return { view: 'workspace' };
  if (view === 'friction') return { view: 'friction' };
  if (view === 'compare') return { view: 'compare', sessionIds: arg.split(',').filter(Boolean).map(decodeURIComponent) };
  return { view: 'library' };
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'library':
      return '#/';
    case 'session':
      return `#/session/${encodeURIComponent(route.sessionId)}${route.stepId ? `/${encodeURIComponent(route.stepId)}` : ''}`;
    case 'compare':
      return `#/compare/${route.sessionIds.map(encodeURIComponent).join(',')}`;
    case 'workspace':
      return '#/workspace';
    case 'friction':
      return '#/friction';
  }
}
