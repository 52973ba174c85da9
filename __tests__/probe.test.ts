import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { probe } from '../src/http/probe.js'

describe('probing the commons over HTTP', () => {
  const server = createServer((request, response) => {
    if (request.url === '/slow') return
    response.writeHead(request.url === '/' ? 200 : 503)
    response.end('Gen3 commons is hibernating')
  })
  let base = ''

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('reports the status, the latency and as much body as asked', async () => {
    const result = await probe(`${base}/x`, {
      timeoutMilliseconds: 2000,
      keepBody: 10
    })

    expect(result).toMatchObject({ status: 503, body: 'Gen3 commo' })
    expect(result.latencyMilliseconds).toBeGreaterThanOrEqual(0)
  })

  it('says that no answer came before the timeout, without throwing', async () => {
    const result = await probe(`${base}/slow`, { timeoutMilliseconds: 100 })

    expect(result).toMatchObject({
      status: undefined,
      error: 'no answer before the timeout'
    })
  })

  it('says why a connection failed', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))

    const result = await probe(`http://127.0.0.1:${port}/`, {
      timeoutMilliseconds: 2000
    })

    expect(result.status).toBeUndefined()
    expect(result.error).toMatch(/ECONNREFUSED/)
  })
})
