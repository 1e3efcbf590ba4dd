import { createStore } from 'zustand/vanilla'

export type Route =
  | { view: 'releases' }
  | { view: 'templates' }
  | { view: 'history' }
  | { view: 'release'; releaseId: string }
  | { view: 'report'; releaseId: string }
  | { view: 'imported-report'; importId: string }

/** `#/` is the releases table, `#/releases/<id>` one release; anything else falls back to the table. */
export function parseRoute(hash: string): Route {
  if (/^#\/templates\b/.test(hash)) return { view: 'templates' }
  if (/^#\/history\b/.test(hash)) return { view: 'history' }
  const report = /^#\/releases\/([^/?#]+)\/report\b/.exec(hash)
  if (report) return { view: 'report', releaseId: decodeURIComponent(report[1]) }
  const imported = /^#\/reports\/imported\/([^/?#]+)/.exec(hash)
  if (imported) return { view: 'imported-report', importId: decodeURIComponent(imported[1]) }
  const m = /^#\/releases\/([^/?#]+)/.exec(hash)
  return m ? { view: 'release', releaseId: decodeURIComponent(m[1]) } : { view: 'releases' }
}

export function hrefOf(route: Route): string {
  if (route.view === 'templates') return '#/templates'
  if (route.view === 'history') return '#/history'
  if (route.view === 'report') return `#/releases/${encodeURIComponent(route.releaseId)}/report`
  if (route.view === 'imported-report') return `#/reports/imported/${encodeURIComponent(route.importId)}`
  return route.view === 'release' ? `#/releases/${encodeURIComponent(route.releaseId)}` : '#/'
}

export function createRouteStore(win: Pick<Window, 'location' | 'addEventListener'>) {
  const store = createStore<{ route: Route }>()(() => ({ route: parseRoute(win.location.hash) }))
  win.addEventListener('hashchange', () => store.setState({ route: parseRoute(win.location.hash) }))
  return store
}
