import type { InputProblem } from '../errors.js'
import type { InstanceType } from './instance-types.js'

/**
 * What the root volume holds besides the memory image hibernation writes to
 * it (AWS docs: "Prerequisites for EC2 instance hibernation", Root volume
 * size). The figures are our estimate for compose-services: the Amazon Linux
 * system, about 10 to 15 GiB of container images with room to pull updates,
 * and the postgres and Elasticsearch volumes with uploaded test data.
 */
export const rootVolumeRoom = {
  systemGiB: 8,
  imagesGiB: 20,
  dataGiB: 32
} as const

export interface RootVolume {
  sizeGiB: number
  minimumGiB: number
}

/** The smallest root volume that holds the instance's memory and the rest. */
export function minimumRootVolume(instanceType: InstanceType): number {
  const { systemGiB, imagesGiB, dataGiB } = rootVolumeRoom
  return Math.ceil(instanceType.memoryGiB) + systemGiB + imagesGiB + dataGiB
}

/** The size asked for, or the minimum; a size below the minimum is refused. */
export function checkRootVolume(
  requestedGiB: number | undefined,
  instanceType: InstanceType
): { rootVolume: RootVolume } | { problem: InputProblem } {
  const minimumGiB = minimumRootVolume(instanceType)
  if (requestedGiB !== undefined && requestedGiB < minimumGiB) {
    const { systemGiB, imagesGiB, dataGiB } = rootVolumeRoom
    return {
      problem: {
        input: 'root-volume-size',
        value: String(requestedGiB),
        expected: `at least ${minimumGiB} GiB for ${instanceType.name}: ${Math.ceil(instanceType.memoryGiB)} GiB for its memory when it hibernates, ${systemGiB} GiB for the system, ${imagesGiB} GiB for container images and ${dataGiB} GiB for data (or leave it empty)`
      }
    }
  }
  return { rootVolume: { sizeGiB: requestedGiB ?? minimumGiB, minimumGiB } }
}
