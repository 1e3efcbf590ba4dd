import { describe, expect, it } from 'vitest'
import { sendAllowance, type PastSend } from '../../../src/main/updates/send-limit'

const T0 = Date.parse('2026-01-20T10:00:00Z')
const S = 1000
const MIN = 60 * S
const delivered = (at: number): PastSend => ({ at, status: 'delivered' })

describe('the send rate limit (one per 30 s, ten per hour)', () => {
  it('lets the first send go and refuses a second within 30 s, saying when it may go', () => {
    expect(sendAllowance([], T0)).toEqual({ ok: true })
    expect(sendAllowance([delivered(T0)], T0 + 10 * S)).toEqual({ ok: false, rule: 'spacing', retryAt: T0 + 30 * S, lastAt: T0, count: 1 })
    expect(sendAllowance([delivered(T0)], T0 + 30 * S)).toEqual({ ok: true })
  })

  it('counts a send still on its way as a send', () => {
    expect(sendAllowance([{ at: T0, status: 'pending' }], T0 + 5 * S)).toMatchObject({ ok: false, rule: 'spacing' })
  })

  it('does not make people wait 30 s after a send that failed, but counts it toward the hour', () => {
    expect(sendAllowance([{ at: T0, status: 'failed' }], T0 + 1 * S)).toEqual({ ok: true })
    const failing = Array.from({ length: 10 }, (_, i): PastSend => ({ at: T0 + i * S, status: 'failed' }))
    expect(sendAllowance(failing, T0 + 20 * S)).toMatchObject({ ok: false, rule: 'hourly', retryAt: T0 + 60 * MIN })
  })

  it('refuses an eleventh send within the hour until the oldest leaves it', () => {
    const ten = Array.from({ length: 10 }, (_, i) => delivered(T0 + i * 5 * MIN))
    const now = T0 + 50 * MIN
    expect(sendAllowance(ten, now)).toEqual({ ok: false, rule: 'hourly', retryAt: T0 + 60 * MIN, lastAt: T0 + 45 * MIN, count: 10 })
    expect(sendAllowance(ten, T0 + 60 * MIN - 1)).toMatchObject({ ok: false, rule: 'hourly' })
    expect(sendAllowance(ten, T0 + 60 * MIN)).toEqual({ ok: true })
  })

  it('takes the limits it is given', () => {
    const past = [delivered(T0), delivered(T0 + 2 * S)]
    expect(sendAllowance(past, T0 + 4 * S, { spacingMs: 1 * S, perHour: 2 })).toMatchObject({ ok: false, rule: 'hourly', retryAt: T0 + 60 * MIN })
    expect(sendAllowance(past, T0 + 4 * S, { spacingMs: 1 * S, perHour: 3 })).toEqual({ ok: true })
  })
})
