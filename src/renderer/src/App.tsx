import { useIdentity, useRoute } from './session/room'
import { IdentityPrompt } from './views/IdentityPrompt'
import { ReleasesView } from './views/ReleasesView'
import { ReleaseView } from './views/ReleaseView'
import { TopBar } from './views/TopBar'
import { TemplatesView } from './views/TemplatesView'

export function App() {
  const actor = useIdentity((s) => s.actor)
  const route = useRoute()
  return (
    <>
      <TopBar />
      {!actor ? (
        <IdentityPrompt />
      ) : route.view === 'release' ? (
        <ReleaseView releaseId={route.releaseId} />
      ) : route.view === 'templates' ? (
        <TemplatesView />
      ) : (
        <ReleasesView />
      )}
    </>
  )
}
