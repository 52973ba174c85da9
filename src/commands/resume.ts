import { waitForAnswer } from '../instance/answer.js'
import type { InstanceView } from '../instance/instance.js'
import {
  goneStates,
  InstanceGoneError,
  readInstance,
  stateNow
} from '../instance/instance.js'
import { keepAwakeTag, keepAwakeUntil } from '../instance/keep-awake.js'
import { setKeepAwake } from '../instance/keep-awake-set.js'
import { describeServices, ensureServicesUp } from '../instance/services.js'
import type { SwitchChange } from '../stack/switch.js'
import { setNatGatewayRemoved } from '../instance/nat-gateway.js'
import { setHibernated } from '../instance/sleep-page.js'
import { startInstance, waitUntilRunning } from '../instance/start.js'
import { hibernatedReason, waitUntilStopped } from '../instance/transition.js'
import {
  describeTargetHealth,
  waitForHealthyTarget
} from '../instance/target-health.js'
import { Timeline } from '../instance/timeline.js'
import { durationOf, timeOf } from '../instance/when.js'
import { waitForAgent } from '../ssm/agent.js'
import { findCommons } from '../stack/commons.js'
import { Deadline } from '../wait/clock.js'
import type { Context } from './context.js'

export const resumePhases = {
  network: 'Restore the NAT gateway',
  start: 'Start the instance',
  agent: 'Wait for the SSM agent',
  services: 'Make sure the services are up',
  target: 'Wait for the target to be healthy',
  forwarding: 'Restore forwarding',
  answer: 'Wait for the commons to answer'
} as const

const networkSaid: Record<SwitchChange, string> = {
  changed: 'the NAT gateway is back: the instance can reach SSM again',
  unchanged: 'the NAT gateway was already there',
  absent: 'the stack has no NAT gateway of its own'
}

const forwardingSaid: Record<SwitchChange, string> = {
  changed: 'the hibernation page is off; the load balancer forwards again',
  unchanged: 'the hibernation page was already off',
  absent: 'the stack has no Hibernated parameter; nothing to switch'
}

/**
 * Wakes the commons: makes the stack's NAT gateway again when hibernate
 * removed it, starts the instance, waits for its SSM agent, makes
 * sure the compose services run, waits for the load balancer to find it
 * healthy, only then turns the hibernation page off, and probes the URL
 * until it answers 200. Each phase is timed within one budget.
 */
export async function resume(context: Context): Promise<void> {
  const { inputs, reporter, clock } = context
  const deadline = Deadline.ofMinutes(clock, inputs.timeoutMinutes)
  const aws = context.aws()
  const commons = await findCommons(
    aws.cloudFormation,
    inputs.stackName,
    aws.region
  )
  const { instanceId, url, targetGroupArn } = commons.outputs
  const timeline = new Timeline(reporter, deadline)
  let state = 'unknown'

  const instanceNow = async () => {
    const instance = await readInstance(aws.ec2, instanceId)
    state = instance.state
    if (goneStates.has(instance.state)) throw new InstanceGoneError(instance)
    return instance
  }

  try {
    // Nothing is changed for an instance that is gone.
    await instanceNow()

    // First, since the instance reaches SSM through the NAT gateway.
    await timeline.phase(resumePhases.network, async (say) => {
      const change = await setNatGatewayRemoved(context, false, deadline)
      say(networkSaid[change])
    })

    await timeline.phase(resumePhases.start, async (say) => {
      const instance = await instanceNow()
      if (inputs.keepAwakeHours > 0) await keepAwake(context, instanceId)

      const running = await run(context, instance, deadline)
      state = running.state
      say(running.said)
    })

    await timeline.phase(resumePhases.agent, async (say) => {
      await waitForAgent(aws.ssm, instanceId, deadline, reporter)
      say('the SSM agent is online')
    })

    await timeline.phase(resumePhases.services, async (say) => {
      const services = await ensureServicesUp(
        aws.ssm,
        instanceId,
        deadline,
        reporter
      )
      say(describeServices(services))
    })

    await timeline.phase(resumePhases.target, async (say) => {
      const health = await waitForHealthyTarget(
        aws.elbv2,
        targetGroupArn,
        instanceId,
        deadline,
        reporter
      )
      say(
        `the load balancer finds ${instanceId} ${describeTargetHealth(health)}`
      )
    })

    await timeline.phase(resumePhases.forwarding, async (say) => {
      const change = await setHibernated(context, false, deadline)
      say(forwardingSaid[change])
    })

    await timeline.phase(resumePhases.answer, async (say) => {
      const answer = await waitForAnswer(url, deadline, reporter)
      say(`${url} answers HTTP 200 in ${answer.latencyMilliseconds} ms`)
    })
  } catch (error) {
    state = await stateNow(aws.ec2, instanceId, state)
    throw error
  } finally {
    timeline.finish('Resume', { instanceId, state, url })
    await reporter.summary(
      timeline.markdown(
        `Resume ${inputs.stackName}`,
        Object.values(resumePhases),
        [`Instance \`${instanceId}\`: ${state}`, `URL: ${url}`]
      )
    )
  }
}

/** Tags the instance so that the scheduled hibernate leaves it running. */
async function keepAwake(context: Context, instanceId: string): Promise<void> {
  const { inputs, reporter, clock } = context
  const until = keepAwakeUntil(clock.now(), inputs.keepAwakeHours)
  await setKeepAwake(context.aws().ec2, instanceId, until)
  reporter.info(
    `Tagged ${instanceId} ${keepAwakeTag}=${new Date(until).toISOString()}: the scheduled hibernate leaves it running until ${timeOf(until)} (${durationOf(until - clock.now())}).`
  )
}

/** Brings the instance to running from whatever state it is in. */
async function run(
  context: Context,
  instance: InstanceView,
  deadline: Deadline
): Promise<{ state: string; said: string }> {
  const { reporter } = context
  const { ec2 } = context.aws()
  const { id } = instance

  if (instance.state === 'running') {
    reporter.notice(
      `The instance ${id} is already running: checking that the commons answers.`
    )
    return { state: 'running', said: `${id} was already running` }
  }

  if (instance.state === 'pending') {
    reporter.info(`${id} is already starting (pending)`)
    const running = await waitUntilRunning(ec2, instance, deadline, reporter)
    return { state: running.state, said: `${id} is running` }
  }

  let stopped = instance
  if (instance.state === 'stopping') {
    reporter.info(
      `${id} is still stopping: waiting until it is stopped to start it`
    )
    stopped = await waitUntilStopped(ec2, id, deadline, reporter)
  }

  const woke = stopped.stateReason?.code === hibernatedReason
  const running = await startInstance(ec2, stopped, deadline, reporter)
  return {
    state: running.state,
    said: woke
      ? `${id} woke from hibernation`
      : `${id} started after a plain stop`
  }
}
