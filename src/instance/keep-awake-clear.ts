import type { EC2Client } from '@aws-sdk/client-ec2'
import { DeleteTagsCommand } from '@aws-sdk/client-ec2'

import { keepAwakeTag } from './keep-awake.js'

// Apart from the reading in keep-awake.ts, so that resume, which only sets
// the tag, needs no permission to delete tags.

/** Removes the tag, so that the next scheduled hibernate puts the instance to sleep. */
export async function clearKeepAwake(
  ec2: EC2Client,
  instanceId: string
): Promise<void> {
  await ec2.send(
    new DeleteTagsCommand({
      Resources: [instanceId],
      Tags: [{ Key: keepAwakeTag }]
    })
  )
}
