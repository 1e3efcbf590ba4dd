import type { ColumnHelper } from '@tanstack/react-table'
import { STRATEGY_LABELS, type Release } from '../../../shared/release'
import { hrefOf } from '../stores/route-store'

type ReleaseIdentity = Pick<Release, 'id' | 'title' | 'service' | 'version' | 'status' | 'strategy' | 'owner'>

/**
 * The columns every table of releases starts from: the title linking to its room, service, version, stage, strategy
 * and owner. Each table puts them in its own order beside its own columns; stage and strategy filter by equality.
 */
export function releaseColumns<T extends ReleaseIdentity>(column: ColumnHelper<T>) {
  return {
    title: column.accessor((r) => r.title, {
      id: 'title',
      header: 'Release',
      cell: (c) => (
        <a href={hrefOf({ view: 'release', releaseId: c.row.original.id })} className="release-link">
          {c.getValue()}
        </a>
      )
    }),
    service: column.accessor((r) => r.service, { id: 'service', header: 'Service' }),
    version: column.accessor((r) => r.version, { id: 'version', header: 'Version' }),
    status: column.accessor((r) => r.status, {
      id: 'status',
      header: 'Stage',
      cell: (c) => <span className={`status status-${c.getValue()}`}>{c.getValue()}</span>,
      filterFn: 'equals'
    }),
    strategy: column.accessor((r) => r.strategy, { id: 'strategy', header: 'Strategy', cell: (c) => STRATEGY_LABELS[c.getValue()], filterFn: 'equals' }),
    owner: column.accessor((r) => r.owner, { id: 'owner', header: 'Owner' })
  }
}
