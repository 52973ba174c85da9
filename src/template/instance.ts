import type { Json, Resources } from './cloudformation.js'
import { getAtt, ref, sub } from './cloudformation.js'
import type { InstanceType } from './instance-types.js'
import { instanceRoleNames } from './instance-role.js'
import { parameterNames } from './parameters.js'
import type { RootVolume } from './root-volume.js'
import { securityGroupNames } from './security-groups.js'

export const instanceName = 'Instance'

/** Amazon Linux 2023's root device, on x86_64 and arm64 alike. */
export const rootDeviceName = '/dev/xvda'

export interface InstanceSettings {
  instanceType: InstanceType
  rootVolume: RootVolume
  privateSubnetId: Json
  dependsOn: string[]
}

/**
 * The one instance that runs compose-services: in the private subnet, no key
 * pair (operators use Session Manager), IMDSv2 only, hibernation configured
 * at launch (it cannot be turned on later), and an encrypted gp3 root volume
 * that holds the memory image as well as the system, images and data.
 *
 * IMDS answers one network hop only, so containers cannot borrow the
 * instance's role and read its parameters.
 */
export function instance(settings: InstanceSettings): Resources {
  return {
    [instanceName]: {
      Type: 'AWS::EC2::Instance',
      ...(settings.dependsOn.length > 0 && { DependsOn: settings.dependsOn }),
      Properties: {
        ImageId: ref(parameterNames.imageId),
        InstanceType: settings.instanceType.name,
        SubnetId: settings.privateSubnetId,
        SecurityGroupIds: [getAtt(securityGroupNames.instance, 'GroupId')],
        IamInstanceProfile: ref(instanceRoleNames.profile),
        HibernationOptions: { Configured: true },
        MetadataOptions: {
          HttpEndpoint: 'enabled',
          HttpTokens: 'required',
          HttpPutResponseHopLimit: 1
        },
        BlockDeviceMappings: [
          {
            DeviceName: rootDeviceName,
            Ebs: {
              VolumeType: 'gp3',
              VolumeSize: settings.rootVolume.sizeGiB,
              Encrypted: true,
              DeleteOnTermination: true
            }
          }
        ],
        PropagateTagsToVolumeOnCreation: true,
        Tags: [{ Key: 'Name', Value: sub('${AWS::StackName}') }]
      }
    }
  }
}
