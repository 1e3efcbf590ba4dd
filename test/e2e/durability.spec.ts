import { expect, test } from '@playwright/test'
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { removeDir, SERVE, startHost } from './host'

const input = {
  title: 'Checkout 2.6',
  service: 'checkout',
  version: '2.6.0',
  strategy: 'canary',
  owner: 'Dana Okafor',
  actor: { name: 'Dana Okafor', role: 'devops-lead' }
}

test('a release answered 200 survives SIGKILL straight after the answer', async ({ request }) => {
  const first = await startHost({ args: ['--no-demo'] })
  const res = await request.post(`${first.url}api/releases.create`, { data: input })
  expect(res.status()).toBe(200)
  const created = await res.json()
  await first.kill()

  const second = await startHost({ dataDir: first.dataDir, args: ['--no-demo'] })
  const got = await request.post(`${second.url}api/releases.get`, { data: { releaseId: created.id } })
  expect(got.status()).toBe(200)
  expect((await got.json()).release).toEqual(created)
  await second.stop()
  removeDir(first.dataDir)
})

test('a first launch opens on the demo release; later launches do not add another', async ({ request }) => {
  const first = await startHost()
  const list = await (await request.post(`${first.url}api/releases.list`, { data: {} })).json()
  expect(list).toHaveLength(1)
  expect(list[0]).toMatchObject({ service: 'checkout', strategy: 'canary', status: 'planning' })
  await first.stop()
  const second = await startHost({ dataDir: first.dataDir })
  expect(await (await request.post(`${second.url}api/releases.list`, { data: {} })).json()).toHaveLength(1)
  await second.stop()
  removeDir(first.dataDir)
})

test('the host refuses to start on a database from a newer app, and leaves it unchanged', async () => {
  const first = await startHost({ args: ['--no-demo'] })
  await first.stop()
  const file = join(first.dataDir, 'warroom.sqlite')
  const db = new Database(file)
  db.pragma('user_version = 999')
  db.pragma('journal_mode = DELETE')
  db.close()
  const before = createHash('sha256').update(readFileSync(file)).digest('hex')

  const r = spawnSync(process.execPath, [SERVE, '--port', '0', '--data-dir', first.dataDir], {
    encoding: 'utf8'
  })
  expect(r.status).toBe(1)
  expect(r.stderr).toMatch(/schema version 999.*newer Release War Room/s)
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before)
  removeDir(first.dataDir)
})

test('stops cleanly on SIGTERM, closing the database', async ({ request }) => {
  const host = await startHost({ args: ['--no-demo'] })
  await request.post(`${host.url}api/releases.create`, { data: input })
  expect(await host.stop()).toBe(0)
  expect(host.output()).toMatch(/SIGTERM: finishing in-flight requests and closing the database/)
  // A cleanly closed WAL database checkpoints and removes its -wal file; a killed one leaves it behind.
  expect(existsSync(join(host.dataDir, 'warroom.sqlite-wal'))).toBe(false)
  const db = new Database(join(host.dataDir, 'warroom.sqlite'), { readonly: true })
  expect(db.prepare('SELECT count(*) AS n FROM releases').get()).toEqual({ n: 1 })
  db.close()
  removeDir(host.dataDir)
})
