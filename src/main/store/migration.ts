import type Database from 'better-sqlite3'

/** One numbered step of the schema. `up` runs inside a transaction with `user_version` bumped in the same commit. */
export interface Migration {
  version: number
  name: string
  up(db: Database.Database): void
}
