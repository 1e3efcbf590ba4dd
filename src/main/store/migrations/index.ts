import type { Migration } from '../migration'
import { releasesMigration } from './0001-releases'
import { runbookMigration } from './0002-runbook'

/** In order; a version is never reused or edited once released, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [releasesMigration, runbookMigration]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version
