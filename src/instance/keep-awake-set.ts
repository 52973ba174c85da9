import type { EC2Client } from '@aws-sdk/client-ec2'
import { CreateTagsCommand } from '@aws-sdk/client-ec2'

import { keepAwakeTag } from './keep-awake.js'

// Apart from the reading in keep-awake.ts, so that hibernate, which only
// clears the tag, needs no permission to create tags.

/** Tags the instance so that the scheduled hibernate leaves it running until then. */
export async function setKeepAwake(
  ec2: EC2Client,
  instanceId: string,
  until: number
): Promise<void> {
  await ec2.send(
    new CreateTagsCommand({
      Resources: [instanceId],
      Tags: [{ Key: keepAwakeTag, Value: new Date(until).toISOString() }]
    })
  )
}
