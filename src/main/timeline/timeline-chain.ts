import { createHash } from 'node:crypto'
import type { ChainVerdict, TimelineEntry } from '../../shared/timeline'
import { canonicalJson } from './canonical-json'

/** The hash before the first row of every release's chain. */
export const GENESIS_HASH = '0'.repeat(64)

type Hashed = Pick<TimelineEntry, 'releaseId' | 'seq' | 'at' | 'kind' | 'actor' | 'summary' | 'data'>

/**
 * Each row's hash covers the previous row's hash and the row's own canonical JSON, so altering, removing or
 * reordering any row breaks every hash after it.
 */
export function rowHash(prevHash: string, row: Hashed): string {
  const body = canonicalJson({
    releaseId: row.releaseId,
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    actor: row.actor,
    summary: row.summary,
    data: row.data
  })
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex')
}

/** Walks a release's rows in order and names the first one whose position, link or hash does not match. */
export function verifyChain(rows: Iterable<TimelineEntry>): ChainVerdict {
  let prev = GENESIS_HASH
  let count = 0
  for (const row of rows) {
    count++
    const fail = (reason: string): ChainVerdict => ({ ok: false, count, firstBad: { seq: row.seq, id: row.id, reason } })
    if (row.seq !== count) return fail(`expected entry #${count} here but found #${row.seq}: an entry was removed or reordered`)
    if (row.prevHash !== prev) return fail(`entry #${row.seq} does not link to the entry before it`)
    if (rowHash(prev, row) !== row.hash) return fail(`entry #${row.seq} was changed after it was written`)
    prev = row.hash
  }
  return { ok: true, count, headHash: prev }
}
