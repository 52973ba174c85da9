import { AwsClients, resolveRegion } from '../aws/clients.js'
import type { Inputs } from '../inputs/schema.js'
import type { Reporter } from '../report/reporter.js'
import type { Clock } from '../wait/clock.js'

/** What every command is given: its inputs and the world around it. */
export interface Context {
  inputs: Inputs
  reporter: Reporter
  env: NodeJS.ProcessEnv
  clock: Clock
  /** The AWS clients for the command's region, made on first use. */
  aws: () => AwsClients
}

export type Command = (context: Context) => Promise<void>

export function awsFor(
  inputs: Inputs,
  env: NodeJS.ProcessEnv
): () => AwsClients {
  let clients: AwsClients | undefined
  return () => {
    clients ??= new AwsClients(resolveRegion(inputs.region, env))
    return clients
  }
}
