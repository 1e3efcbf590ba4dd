import { createStore } from 'zustand/vanilla'

export type Route = { view: 'releases' } | { view: 'templates' } | { view: 'release'; releaseId: string }

/** `#/` is the releases table, `#/releases/<id>` one release; anything else falls back to the table. */
export function parseRoute(hash: string): Route {
  if (/^#\/templates\b/.test(hash)) return { view: 'templates' }
  const m = /^#\/releases\/([^/?#]+)/.exec(hash)
  return m ? { view: 'release', releaseId: decodeURIComponent(m[1]) } : { view: 'releases' }
}

export function hrefOf(route: Route): string {
  if (route.view === 'templates') return '#/templates'
  return route.view === 'release' ? `#/releases/${encodeURIComponent(route.releaseId)}` : '#/'
}

export function createRouteStore(win: Pick<Window, 'location' | 'addEventListener'>) {
  const store = createStore<{ route: Route }>()(() => ({ route: parseRoute(win.location.hash) }))
  win.addEventListener('hashchange', () => store.setState({ route: parseRoute(win.location.hash) }))
  return store
}
