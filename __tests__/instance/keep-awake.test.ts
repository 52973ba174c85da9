import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  EC2Client
} from '@aws-sdk/client-ec2'
import { mockClient } from 'aws-sdk-client-mock'

import {
  keepAwakeTag,
  keepAwakeUntil,
  readKeepAwake
} from '../../src/instance/keep-awake.js'
import { clearKeepAwake } from '../../src/instance/keep-awake-clear.js'
import { setKeepAwake } from '../../src/instance/keep-awake-set.js'
import { instanceId, noon } from './world.js'

const ec2 = mockClient(EC2Client)
const client = new EC2Client({ region: 'ap-southeast-2' })

beforeEach(() => {
  ec2.reset()
})

describe('the keep-awake-until tag', () => {
  it('is absent when the instance has no such tag, or an empty one', () => {
    expect(readKeepAwake({}, noon)).toEqual({ kind: 'none' })
    expect(readKeepAwake({ [keepAwakeTag]: ' ' }, noon)).toEqual({
      kind: 'none'
    })
  })

  it('holds until a future time', () => {
    expect(
      readKeepAwake({ [keepAwakeTag]: '2026-12-03T12:00:01Z' }, noon)
    ).toEqual({ kind: 'until', until: noon + 1000 })
  })

  it('has expired at the very moment it names', () => {
    expect(
      readKeepAwake({ [keepAwakeTag]: '2026-12-03T12:00:00.000Z' }, noon)
    ).toEqual({ kind: 'expired', until: noon })
  })

  it.each(['tomorrow', '2026-12-03', '2026-12-03T18:00:00', '1764763200'])(
    'cannot be read from %j, which has no zone or is no time',
    (value) => {
      expect(readKeepAwake({ [keepAwakeTag]: value }, noon)).toEqual({
        kind: 'unreadable',
        value
      })
    }
  )

  it('ends the given number of hours from now', () => {
    expect(new Date(keepAwakeUntil(noon, 8)).toISOString()).toBe(
      '2026-12-03T20:00:00.000Z'
    )
  })

  it('is written as an ISO time, which reads back as the same moment', async () => {
    ec2.on(CreateTagsCommand).resolves({})

    await setKeepAwake(client, instanceId, noon + 3_600_000)

    const input = ec2.commandCalls(CreateTagsCommand)[0]?.args[0].input
    expect(input).toEqual({
      Resources: [instanceId],
      Tags: [{ Key: 'keep-awake-until', Value: '2026-12-03T13:00:00.000Z' }]
    })
    expect(
      readKeepAwake({ [keepAwakeTag]: input?.Tags?.[0]?.Value ?? '' }, noon)
    ).toEqual({ kind: 'until', until: noon + 3_600_000 })
  })

  it('is removed by key', async () => {
    ec2.on(DeleteTagsCommand).resolves({})

    await clearKeepAwake(client, instanceId)

    expect(ec2.commandCalls(DeleteTagsCommand)[0]?.args[0].input).toEqual({
      Resources: [instanceId],
      Tags: [{ Key: 'keep-awake-until' }]
    })
  })
})
