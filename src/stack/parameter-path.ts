/**
 * The SSM Parameter Store path under which the action keeps everything it
 * stores for one stack (configuration, secrets). destroy removes all of it.
 */
export function parameterPath(stackName: string): string {
  return `/gen3-poc/${stackName}/`
}
