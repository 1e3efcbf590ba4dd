import { randomUUID } from 'node:crypto'
import type { Db } from '../store/database'
import type { Actor, Role } from '../../shared/roles'
import type { ActionOwner, ActionStatus, ReviewAction } from '../../shared/review'

interface ReviewRow {
  release_id: string
  lessons: string
  lessons_by: string | null
  lessons_role: Role | null
  lessons_at: string | null
  completed_by: string | null
  completed_role: Role | null
  completed_at: string | null
}

interface AnswerRow {
  question_id: string
  answer: string
  not_applicable: 0 | 1
  actor_name: string
  actor_role: Role
  at: string
}

interface ActionRow {
  id: string
  title: string
  owner_name: string | null
  owner_role: Role | null
  due: string | null
  status: ActionStatus
  created_by: string
  created_role: Role
  created_at: string
  updated_at: string
}

export interface StoredAnswer {
  questionId: string
  answer: string
  notApplicable: boolean
  by: Actor
  at: string
}

/** What a person wrote in a review. A release has no row until someone writes; the review exists regardless. */
export interface StoredReview {
  lessons: string[]
  lessonsBy: Actor | null
  lessonsAt: string | null
  completed: { by: Actor; at: string } | null
  answers: StoredAnswer[]
  actions: ReviewAction[]
}

function toAction(r: ActionRow): ReviewAction {
  return {
    id: r.id,
    title: r.title,
    owner: r.owner_name !== null && r.owner_role !== null ? { name: r.owner_name, role: r.owner_role } : null,
    due: r.due,
    status: r.status,
    createdBy: { name: r.created_by, role: r.created_role },
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

/** Answers, lessons, action items and completion of each release's post-release review. */
export class ReviewStore {
  private readonly reviewStmt
  private readonly ensureStmt
  private readonly lessonsStmt
  private readonly completeStmt
  private readonly answersStmt
  private readonly upsertAnswerStmt
  private readonly actionsStmt
  private readonly actionStmt
  private readonly nextPositionStmt
  private readonly insertActionStmt
  private readonly updateActionStmt

  constructor(db: Db) {
    this.reviewStmt = db.prepare<[string], ReviewRow>('SELECT * FROM reviews WHERE release_id = ?')
    this.ensureStmt = db.prepare<[string]>('INSERT INTO reviews (release_id) VALUES (?) ON CONFLICT (release_id) DO NOTHING')
    this.lessonsStmt = db.prepare('UPDATE reviews SET lessons = @lessons, lessons_by = @name, lessons_role = @role, lessons_at = @at WHERE release_id = @releaseId')
    this.completeStmt = db.prepare('UPDATE reviews SET completed_by = @name, completed_role = @role, completed_at = @at WHERE release_id = @releaseId')
    this.answersStmt = db.prepare<[string], AnswerRow>('SELECT * FROM review_answers WHERE release_id = ?')
    this.upsertAnswerStmt = db.prepare(`
      INSERT INTO review_answers (release_id, question_id, answer, not_applicable, actor_name, actor_role, at)
      VALUES (@releaseId, @questionId, @answer, @notApplicable, @name, @role, @at)
      ON CONFLICT (release_id, question_id) DO UPDATE SET answer = excluded.answer, not_applicable = excluded.not_applicable,
        actor_name = excluded.actor_name, actor_role = excluded.actor_role, at = excluded.at`)
    this.actionsStmt = db.prepare<[string], ActionRow>('SELECT * FROM review_actions WHERE release_id = ? ORDER BY position')
    this.actionStmt = db.prepare<[string, string], ActionRow>('SELECT * FROM review_actions WHERE release_id = ? AND id = ?')
    this.nextPositionStmt = db.prepare<[string], { p: number }>('SELECT coalesce(max(position), 0) + 1 AS p FROM review_actions WHERE release_id = ?')
    this.insertActionStmt = db.prepare(`
      INSERT INTO review_actions (id, release_id, position, title, owner_name, owner_role, due, status, created_by, created_role, created_at, updated_at)
      VALUES (@id, @releaseId, @position, @title, @ownerName, @ownerRole, @due, 'open', @name, @role, @at, @at)`)
    this.updateActionStmt = db.prepare(`
      UPDATE review_actions SET title = @title, owner_name = @ownerName, owner_role = @ownerRole, due = @due, status = @status, updated_at = @at
      WHERE release_id = @releaseId AND id = @id`)
  }

  get(releaseId: string): StoredReview {
    const row = this.reviewStmt.get(releaseId)
    return {
      lessons: row ? (JSON.parse(row.lessons) as string[]) : [],
      lessonsBy: row?.lessons_by && row.lessons_role ? { name: row.lessons_by, role: row.lessons_role } : null,
      lessonsAt: row?.lessons_at ?? null,
      completed: row?.completed_by && row.completed_role && row.completed_at ? { by: { name: row.completed_by, role: row.completed_role }, at: row.completed_at } : null,
      answers: this.answersStmt.all(releaseId).map((a) => ({
        questionId: a.question_id,
        answer: a.answer,
        notApplicable: a.not_applicable === 1,
        by: { name: a.actor_name, role: a.actor_role },
        at: a.at
      })),
      actions: this.actionsStmt.all(releaseId).map(toAction)
    }
  }

  answer(releaseId: string, a: { questionId: string; answer: string; notApplicable: boolean }, actor: Actor, at: string): void {
    this.upsertAnswerStmt.run({ releaseId, ...a, notApplicable: a.notApplicable ? 1 : 0, name: actor.name, role: actor.role, at })
  }

  setLessons(releaseId: string, lessons: readonly string[], actor: Actor, at: string): void {
    this.ensureStmt.run(releaseId)
    this.lessonsStmt.run({ releaseId, lessons: JSON.stringify(lessons), name: actor.name, role: actor.role, at })
  }

  complete(releaseId: string, actor: Actor, at: string): void {
    this.ensureStmt.run(releaseId)
    this.completeStmt.run({ releaseId, name: actor.name, role: actor.role, at })
  }

  action(releaseId: string, id: string): ReviewAction | undefined {
    const row = this.actionStmt.get(releaseId, id)
    return row ? toAction(row) : undefined
  }

  addAction(releaseId: string, a: { title: string; owner: ActionOwner | null; due: string | null }, actor: Actor, at: string): ReviewAction {
    const id = randomUUID()
    const position = this.nextPositionStmt.get(releaseId)?.p ?? 1
    this.insertActionStmt.run({
      id,
      releaseId,
      position,
      title: a.title,
      ownerName: a.owner?.name ?? null,
      ownerRole: a.owner?.role ?? null,
      due: a.due,
      name: actor.name,
      role: actor.role,
      at
    })
    return this.action(releaseId, id)!
  }

  saveAction(releaseId: string, a: ReviewAction, at: string): void {
    this.updateActionStmt.run({
      releaseId,
      id: a.id,
      title: a.title,
      ownerName: a.owner?.name ?? null,
      ownerRole: a.owner?.role ?? null,
      due: a.due,
      status: a.status,
      at
    })
  }
}
