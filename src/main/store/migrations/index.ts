import type { Migration } from '../migration'
import { releasesMigration } from './0001-releases'
import { runbookMigration } from './0002-runbook'
import { rolloutMigration } from './0003-rollout'
import { signalsMigration } from './0004-signals'
import { closureMigration } from './0005-closure'
import { secretsMigration } from './0006-secrets'
import { reportsMigration } from './0007-reports'
import { updatesMigration } from './0008-updates'
import { reviewMigration } from './0009-review'
import { historyMigration } from './0010-history'
import { recentSamplesMigration } from './0011-recent-samples'

/** In order; a version is never reused or edited once released, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [releasesMigration, runbookMigration, rolloutMigration, signalsMigration, closureMigration, secretsMigration, reportsMigration, updatesMigration, reviewMigration, historyMigration, recentSamplesMigration]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version
