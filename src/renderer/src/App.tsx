import { useIdentity, useRoute } from './session/room'
import { IdentityPrompt } from './views/IdentityPrompt'
import { ReleasesView } from './views/ReleasesView'
import { ReleaseView } from './views/ReleaseView'
import { TopBar } from './views/TopBar'
import { TemplatesView } from './views/TemplatesView'
import { HistoryView } from './views/history/HistoryView'
import { ReportView } from './views/report/ReportView'
import { ImportedReportView } from './views/report/ImportedReportView'

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
      ) : route.view === 'report' ? (
        <ReportView releaseId={route.releaseId} />
      ) : route.view === 'imported-report' ? (
        <ImportedReportView importId={route.importId} />
      ) : route.view === 'templates' ? (
        <TemplatesView />
      ) : route.view === 'history' ? (
        <HistoryView />
      ) : (
        <ReleasesView />
      )}
    </>
  )
}
