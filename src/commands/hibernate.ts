import type { HibernationPlan } from '../instance/hibernation-plan.js'
import { planHibernation } from '../instance/hibernation-plan.js'
import { readInstance, stateNow } from '../instance/instance.js'
import { keepAwakeTag } from '../instance/keep-awake.js'
import { setNatGatewayRemoved } from '../instance/nat-gateway.js'
import { clearKeepAwake } from '../instance/keep-awake-clear.js'
import {
  HibernationRejectedError,
  InstanceActionError
} from '../instance/refusal.js'
import type { SwitchChange } from '../stack/switch.js'
import { setHibernated } from '../instance/sleep-page.js'
import type { Stopped } from '../instance/stop.js'
import { stopInstance } from '../instance/stop.js'
import { Timeline } from '../instance/timeline.js'
import { findCommons } from '../stack/commons.js'
import { Deadline } from '../wait/clock.js'
import type { Context } from './context.js'

export const hibernatePhases = {
  check: 'Check the instance',
  sleepPage: 'Show the sleep page',
  stop: 'Hibernate the instance',
  network: 'Remove the NAT gateway',
  restore: 'Restore forwarding'
} as const

const sleepPageSaid: Record<SwitchChange, string> = {
  changed: 'visitors now get the hibernation page (HTTP 503)',
  unchanged: 'the hibernation page was already on',
  absent: 'the stack has no Hibernated parameter; visitors get a bare 503'
}

const networkSaid: Record<SwitchChange, string> = {
  changed: 'the NAT gateway is removed until resume; its Elastic IP is kept',
  unchanged: 'the NAT gateway was already removed',
  absent: 'the stack has no NAT gateway of its own'
}

function planSaid(plan: HibernationPlan): string {
  if (plan.kind === 'already') return `already ${plan.state}`
  if (plan.kind === 'keep-awake') return plan.notice
  return plan.hibernate ? 'ready to hibernate' : 'cannot hibernate: will stop'
}

/**
 * Puts the commons to sleep: decides from the instance whether it may, turns
 * the hibernation page on, hibernates the instance (or stops it, when
 * fallback-to-stop allows) and waits until it is stopped, then removes the
 * stack's NAT gateway, which bills by the hour while nothing uses it.
 */
export async function hibernate(context: Context): Promise<void> {
  const { inputs, reporter, clock, env } = context
  const deadline = Deadline.ofMinutes(clock, inputs.timeoutMinutes)
  const aws = context.aws()
  const commons = await findCommons(
    aws.cloudFormation,
    inputs.stackName,
    aws.region
  )
  const { instanceId, url } = commons.outputs
  const timeline = new Timeline(reporter, deadline)
  let state = 'unknown'
  let sleepPage: SwitchChange | undefined
  let network: SwitchChange | undefined

  const sleepPageTo = (hibernated: boolean) =>
    setHibernated(context, hibernated, deadline)

  try {
    const plan = await timeline.phase(hibernatePhases.check, async (say) => {
      const instance = await readInstance(aws.ec2, instanceId)
      state = instance.state
      const plan = planHibernation(instance, {
        now: clock.now(),
        trigger: env.GITHUB_EVENT_NAME,
        fallbackToStop: inputs.fallbackToStop
      })
      if (plan.kind === 'sleep') {
        for (const line of plan.infos) reporter.info(line)
        for (const line of plan.notices) reporter.notice(line)
        for (const line of plan.warnings) reporter.warning(line)
      } else {
        reporter.notice(plan.notice)
      }
      say(`${instanceId} is ${instance.state}: ${planSaid(plan)}`)
      return plan
    })

    if (plan.kind === 'keep-awake') {
      timeline.skip(hibernatePhases.sleepPage, 'the commons stays awake')
      timeline.skip(hibernatePhases.stop, 'the commons stays awake')
      timeline.skip(hibernatePhases.network, 'the commons stays awake')
      return
    }

    sleepPage = await timeline.phase(hibernatePhases.sleepPage, async (say) => {
      const change = await sleepPageTo(true)
      say(sleepPageSaid[change])
      return change
    })

    if (plan.kind === 'already') {
      timeline.skip(hibernatePhases.stop, `${instanceId} is already ${state}`)
    } else {
      await hibernateInstance(plan)
    }

    // Only once the instance is down: it needs the NAT gateway until then.
    network = await timeline.phase(hibernatePhases.network, async (say) => {
      const change = await setNatGatewayRemoved(context, true, deadline)
      say(networkSaid[change])
      return change
    })
  } catch (error) {
    state = await stateNow(aws.ec2, instanceId, state)
    throw error
  } finally {
    timeline.finish('Hibernate', { instanceId, state, url })
    await reporter.summary(
      timeline.markdown(
        `Hibernate ${inputs.stackName}`,
        [
          hibernatePhases.check,
          hibernatePhases.sleepPage,
          hibernatePhases.stop,
          hibernatePhases.network
        ],
        [
          `Instance \`${instanceId}\`: ${state}`,
          sleepPage === 'changed' || sleepPage === 'unchanged'
            ? `${url} answers with the hibernation page until resume`
            : url,
          ...(network === 'changed' || network === 'unchanged'
            ? ['NAT gateway: removed until resume']
            : [])
        ]
      )
    )
  }

  async function hibernateInstance(
    plan: Extract<HibernationPlan, { kind: 'sleep' }>
  ): Promise<void> {
    if (plan.clearKeepAwake) {
      await clearKeepAwake(aws.ec2, instanceId)
      reporter.info(`Removed the ${keepAwakeTag} tag of ${instanceId}`)
    }

    try {
      await timeline.phase(hibernatePhases.stop, async (say) => {
        const stopped = await putToSleep(
          context,
          instanceId,
          plan.hibernate,
          deadline
        )
        state = stopped.instance.state
        say(
          stopped.hibernated
            ? `${instanceId} hibernated: memory kept on its root volume`
            : `${instanceId} stopped: memory not kept, resume starts the services again`
        )
      })
    } catch (error) {
      // EC2 refused, so the instance still runs: show the commons again.
      const refused =
        error instanceof HibernationRejectedError ||
        error instanceof InstanceActionError
      if (refused && sleepPage === 'changed') {
        await restoreForwarding(timeline, () => sleepPageTo(false), reporter)
      }
      throw error
    }
  }
}

/** Hibernates, or stops when EC2 refuses hibernation and the input allows. */
async function putToSleep(
  context: Context,
  instanceId: string,
  hibernate: boolean,
  deadline: Deadline
): Promise<Stopped> {
  const { reporter } = context
  const { ec2 } = context.aws()
  try {
    return await stopInstance(ec2, instanceId, hibernate, deadline, reporter)
  } catch (error) {
    if (
      !(error instanceof HibernationRejectedError) ||
      !context.inputs.fallbackToStop
    ) {
      throw error
    }
    reporter.warning(
      `EC2 will not hibernate ${instanceId} (UnsupportedHibernationConfiguration: ${error.detail}): stopping it instead, as fallback-to-stop allows. Its memory is lost, and resume will start the services again.`
    )
    return stopInstance(ec2, instanceId, false, deadline, reporter)
  }
}

async function restoreForwarding(
  timeline: Timeline,
  turnOff: () => Promise<SwitchChange>,
  reporter: Context['reporter']
): Promise<void> {
  reporter.warning(
    'The instance is still running: turning the hibernation page off again.'
  )
  try {
    await timeline.phase(hibernatePhases.restore, async (say) => {
      await turnOff()
      say('visitors reach the commons again')
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    reporter.warning(
      `Could not turn the hibernation page off (${message}): run resume to restore forwarding.`
    )
  }
}
