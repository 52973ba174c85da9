import type { InputProblem } from '../errors.js'

export type Architecture = 'x86_64' | 'arm64'

/** An instance type that can hibernate, with what the stack needs to know. */
export interface InstanceType {
  name: string
  family: string
  size: string
  memoryGiB: number
  architecture: Architecture
}

/**
 * Hibernation is only for instances with less memory than this (AWS docs:
 * "Prerequisites for EC2 instance hibernation", Instance RAM size,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/hibernating-prerequisites.html).
 */
export const hibernationMemoryLimitGiB = 150

/**
 * The instance families that support hibernation on Linux, one a line: the
 * family, its architecture, the memory of its `large` size in GiB, and the
 * sizes that can hibernate (`size:GiB` where a size breaks the family's
 * ladder). Every other size has the memory of `large` times its factor, see
 * sizeFactor. Bare metal sizes never hibernate.
 *
 * Sources: AWS docs "Prerequisites for EC2 instance hibernation" for the
 * rules (families, less than 150 GiB, no bare metal); EC2 DescribeInstanceTypes
 * for every type's HibernationSupported flag, memory and architecture
 * (MemoryInfo.SizeInMiB, ProcessorInfo.SupportedArchitectures), from the
 * snapshot of that API's answer kept in
 * https://github.com/getmoto/moto/blob/0af643a5dbfc98797f08ee64f5be3ef8002d56ff/moto/ec2/resources/instance_types.json
 * (2026-08-22). The table holds every family with a type EC2 reports as
 * hibernating, the page's families among them; sizes of 150 GiB and more are
 * left out.
 * Check a region with: aws ec2 describe-instance-types --filters
 * Name=hibernation-supported,Values=true
 */
const families = `
c3        x86_64  3.75  large xlarge 2xlarge 4xlarge 8xlarge
c4        x86_64  3.75  large xlarge 2xlarge 4xlarge 8xlarge
c5        x86_64     4  large xlarge 2xlarge 4xlarge 9xlarge 12xlarge 18xlarge
c5d       x86_64     4  large xlarge 2xlarge 4xlarge 9xlarge 12xlarge 18xlarge
c6a       x86_64     4  large xlarge 2xlarge 4xlarge 8xlarge 16xlarge
c6g       arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c6gd      arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c6gn      arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c6i       x86_64     4  large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c6id      x86_64     4  large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c6in      x86_64     4  large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c7a       x86_64     4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c7g       arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c7gd      arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c7gn      arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c7i       x86_64     4  large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c7i-flex  x86_64     4  large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c8a       x86_64     4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c8g       arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c8gb      arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c8gd      arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c8gn      arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c8i       x86_64     4  large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c8i-flex  x86_64     4  large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c8ib      x86_64     4  large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c8in      x86_64     4  large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c9g       arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
c9gd      arm64      4  medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge
i3        x86_64 15.25  large xlarge 2xlarge 4xlarge
i3en      x86_64    16  large xlarge 2xlarge 3xlarge
i4g       arm64     16  large xlarge 2xlarge 4xlarge
i7i       x86_64    16  large xlarge 2xlarge 4xlarge
i7ie      x86_64    16  large xlarge 2xlarge 3xlarge
i8g       arm64     16  large xlarge 2xlarge 4xlarge
i8ge      arm64     16  large xlarge 2xlarge 3xlarge
im4gn     arm64      8  large xlarge 2xlarge 4xlarge 8xlarge
is4gen    arm64     12  medium large xlarge 2xlarge 4xlarge
m3        x86_64   7.5  medium large xlarge 2xlarge
m4        x86_64     8  large xlarge 2xlarge 4xlarge
m5        x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m5a       x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m5ad      x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m5d       x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m6a       x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m6g       arm64      8  medium large xlarge 2xlarge 4xlarge 8xlarge
m6gd      arm64      8  medium large xlarge 2xlarge 4xlarge 8xlarge
m6i       x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m6id      x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m6idn     x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m6in      x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m7a       x86_64     8  medium large xlarge 2xlarge 4xlarge 8xlarge
m7g       arm64      8  medium large xlarge 2xlarge 4xlarge 8xlarge
m7gd      arm64      8  medium large xlarge 2xlarge 4xlarge 8xlarge
m7i       x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m7i-flex  x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m8a       x86_64     8  medium large xlarge 2xlarge 4xlarge 8xlarge
m8azn     x86_64     8  medium large xlarge 3xlarge 6xlarge
m8g       arm64      8  medium large xlarge 2xlarge 4xlarge 8xlarge
m8gb      arm64      8  medium large xlarge 2xlarge 4xlarge 8xlarge
m8gd      arm64      8  medium large xlarge 2xlarge 4xlarge 8xlarge
m8gn      arm64      8  medium large xlarge 2xlarge 4xlarge 8xlarge
m8i       x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m8i-flex  x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m8ib      x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m8idb     x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m8idn     x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m8in      x86_64     8  large xlarge 2xlarge 4xlarge 8xlarge
m9g       arm64      8  medium large xlarge 2xlarge 4xlarge 8xlarge
m9gd      arm64      8  medium large xlarge 2xlarge 4xlarge 8xlarge
r3        x86_64 15.25  large:15 xlarge 2xlarge 4xlarge
r4        x86_64 15.25  large xlarge 2xlarge 4xlarge
r5        x86_64    16  large xlarge 2xlarge 4xlarge
r5a       x86_64    16  large xlarge 2xlarge 4xlarge
r5ad      x86_64    16  large xlarge 2xlarge 4xlarge
r5d       x86_64    16  large xlarge 2xlarge 4xlarge
r6a       x86_64    16  large xlarge 2xlarge 4xlarge
r6g       arm64     16  medium large xlarge 2xlarge 4xlarge
r6gd      arm64     16  medium large xlarge 2xlarge 4xlarge
r6idn     x86_64    16  large xlarge 2xlarge 4xlarge
r6in      x86_64    16  large xlarge 2xlarge 4xlarge
r7a       x86_64    16  medium large xlarge 2xlarge 4xlarge
r7g       arm64     16  medium large xlarge 2xlarge 4xlarge
r7gd      arm64     16  medium large xlarge 2xlarge 4xlarge
r7i       x86_64    16  large xlarge 2xlarge 4xlarge
r7iz      x86_64    16  large xlarge 2xlarge 4xlarge
r8a       x86_64    16  medium large xlarge 2xlarge 4xlarge
r8g       arm64     16  medium large xlarge 2xlarge 4xlarge
r8gb      arm64     16  medium large xlarge 2xlarge 4xlarge
r8gd      arm64     16  medium large xlarge 2xlarge 4xlarge
r8gn      arm64     16  medium large xlarge 2xlarge 4xlarge
r8i       x86_64    16  large xlarge 2xlarge 4xlarge
r8i-flex  x86_64    16  large xlarge 2xlarge 4xlarge
r8ib      x86_64    16  large xlarge 2xlarge 4xlarge
r8idb     x86_64    16  large xlarge 2xlarge 4xlarge
r8idn     x86_64    16  large xlarge 2xlarge 4xlarge
r8in      x86_64    16  large xlarge 2xlarge 4xlarge
t2        x86_64     8  nano micro small medium large xlarge 2xlarge
t3        x86_64     8  nano micro small medium large xlarge 2xlarge
t3a       x86_64     8  nano micro small medium large xlarge 2xlarge
t4g       arm64      8  nano micro small medium large xlarge 2xlarge
x2gd      arm64     32  medium large xlarge 2xlarge
x8aedz    x86_64    64  large xlarge
x8i       x86_64    32  large xlarge 2xlarge
`

interface Family {
  architecture: Architecture
  largeGiB: number
  sizes: Map<string, number>
}

const sizeFactors: Record<string, number> = {
  nano: 1 / 16,
  micro: 1 / 8,
  small: 1 / 4,
  medium: 1 / 2,
  large: 1,
  xlarge: 2
}

/** How many times the memory of `large` a size has: 4xlarge is 8 times. */
export function sizeFactor(size: string): number | undefined {
  const named = sizeFactors[size]
  if (named !== undefined) return named
  const multiple = /^(\d+)xlarge$/.exec(size)?.[1]
  return multiple === undefined ? undefined : 2 * Number(multiple)
}

function parseFamilies(text: string): Map<string, Family> {
  const table = new Map<string, Family>()
  for (const line of text.trim().split('\n')) {
    const [name = '', architecture, large = '', ...sizes] = line.split(/\s+/)
    const largeGiB = Number(large)
    table.set(name, {
      architecture: architecture === 'arm64' ? 'arm64' : 'x86_64',
      largeGiB,
      sizes: new Map(
        sizes.map((token) => {
          const [size = '', memory] = token.split(':')
          return [size, Number(memory ?? largeGiB * (sizeFactor(size) ?? 0))]
        })
      )
    })
  }
  return table
}

const hibernationFamilies = parseFamilies(families)

/** The families that can hibernate, in the table's order. */
export function hibernationFamilyNames(): string[] {
  return [...hibernationFamilies.keys()]
}

function sizesOf(name: string, family: Family): string {
  return [...family.sizes]
    .map(([size, memory]) => `${name}.${size} (${memory} GiB)`)
    .join(', ')
}

function rejected(value: string, expected: string): InputProblem {
  return { input: 'instance-type', value, expected }
}

/**
 * The instance type if it can hibernate, otherwise the problem with it and
 * the types that would do.
 */
export function checkInstanceType(
  name: string
): { instanceType: InstanceType } | { problem: InputProblem } {
  const [familyName = '', size = ''] = name.split('.')
  const family = hibernationFamilies.get(familyName)
  if (!family) {
    return {
      problem: rejected(
        name,
        `a type whose family supports hibernation (${familyName} does not), such as m5.2xlarge; the families that do: ${hibernationFamilyNames().join(', ')}`
      )
    }
  }

  if (size.startsWith('metal')) {
    return {
      problem: rejected(
        name,
        `a size that is not bare metal, which cannot hibernate; ${familyName} sizes that can: ${sizesOf(familyName, family)}`
      )
    }
  }

  const memoryGiB =
    family.sizes.get(size) ?? family.largeGiB * (sizeFactor(size) ?? 0)
  if (memoryGiB >= hibernationMemoryLimitGiB) {
    return {
      problem: rejected(
        name,
        `less than ${hibernationMemoryLimitGiB} GiB of memory to hibernate (${name} has ${memoryGiB} GiB); ${familyName} sizes that can: ${sizesOf(familyName, family)}`
      )
    }
  }

  if (!family.sizes.has(size)) {
    return {
      problem: rejected(
        name,
        `a size of ${familyName} that can hibernate: ${sizesOf(familyName, family)}`
      )
    }
  }

  return {
    instanceType: {
      name,
      family: familyName,
      size,
      memoryGiB,
      architecture: family.architecture
    }
  }
}
