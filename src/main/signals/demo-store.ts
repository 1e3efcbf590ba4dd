import type { Db } from '../store/database'
import type { DemoView } from '../../shared/room-signals'
import type { DemoFaultName } from '../../shared/signal'

interface DemoRow {
  release_id: string
  origin: string
  fault: DemoFaultName
  traffic_percent: number
}

/** Which release is the demo, where its simulated service was last reachable, and what it was told to do. */
export class DemoStore {
  private readonly insertStmt
  private readonly getStmt
  private readonly allStmt
  private readonly originStmt
  private readonly faultStmt
  private readonly trafficStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO demo_release (release_id, origin) VALUES (?, ?)')
    this.getStmt = db.prepare<[string], DemoRow>('SELECT * FROM demo_release WHERE release_id = ?')
    this.allStmt = db.prepare<[], DemoRow>('SELECT * FROM demo_release')
    this.originStmt = db.prepare<[string, string]>('UPDATE demo_release SET origin = ? WHERE release_id = ?')
    this.faultStmt = db.prepare<[string, string]>('UPDATE demo_release SET fault = ? WHERE release_id = ?')
    this.trafficStmt = db.prepare<[number, string]>('UPDATE demo_release SET traffic_percent = ? WHERE release_id = ?')
  }

  insert(releaseId: string, origin: string): void {
    this.insertStmt.run(releaseId, origin)
  }

  get(releaseId: string): (DemoView & { releaseId: string }) | undefined {
    const r = this.getStmt.get(releaseId)
    return r ? view(r) : undefined
  }

  all(): (DemoView & { releaseId: string })[] {
    return this.allStmt.all().map(view)
  }

  setOrigin(releaseId: string, origin: string): void {
    this.originStmt.run(origin, releaseId)
  }

  setFault(releaseId: string, fault: DemoFaultName): void {
    this.faultStmt.run(fault, releaseId)
  }

  setTraffic(releaseId: string, percent: number): void {
    this.trafficStmt.run(percent, releaseId)
  }
}

function view(r: DemoRow): DemoView & { releaseId: string } {
  return { releaseId: r.release_id, origin: r.origin, fault: r.fault, trafficPercent: r.traffic_percent }
}
