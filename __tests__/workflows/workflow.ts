import { readFileSync } from 'node:fs'
import path from 'node:path'

import { parse } from 'yaml'

import { repositoryRoot } from '../fixtures/shared.js'
import { releaseRef } from '../../scripts/centre-workflows.js'

/** The parts of a workflow file the safety tests read. */
export interface Step {
  id?: string
  name?: string
  if?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}

export interface Concurrency {
  group: string
  'cancel-in-progress'?: boolean
}

export interface Job {
  name?: string
  if?: string
  permissions?: Record<string, string>
  environment?: string | { name: string; url?: string }
  concurrency?: Concurrency
  'timeout-minutes'?: number
  steps: Step[]
}

export interface Workflow {
  /** Path from the repository root. */
  file: string
  text: string
  name: string
  on: Record<string, unknown>
  permissions?: Record<string, string>
  concurrency?: Concurrency
  jobs: Record<string, Job>
}

export function readWorkflow(file: string): Workflow {
  const text = readFileSync(path.join(repositoryRoot, file), 'utf8')
  const parsed = parse(text) as Omit<Workflow, 'file' | 'text'>
  return { ...parsed, file, text }
}

export const stackGroup = "gen3-poc-${{ vars.STACK_NAME || 'gen3-poc' }}"
export const stackName = "${{ vars.STACK_NAME || 'gen3-poc' }}"

/** Commands that change the stack or what runs on it. */
export const changingCommands = [
  'deploy',
  'destroy',
  'resume',
  'hibernate',
  'push-config',
  'push-dictionary'
]

export function isTheAction(step: Step): boolean {
  return step.uses === './' || step.uses === releaseRef
}

export function actionSteps(job: Job): Step[] {
  return job.steps.filter(isTheAction)
}

export function commandsOf(job: Job): string[] {
  return actionSteps(job).map((step) => {
    const command = step.with?.command
    return typeof command === 'string' ? command : 'synth'
  })
}

export function credentialSteps(job: Job): Step[] {
  return job.steps.filter((step) =>
    step.uses?.startsWith('aws-actions/configure-aws-credentials@')
  )
}

export function environmentOf(job: Job): string | undefined {
  return typeof job.environment === 'string'
    ? job.environment
    : job.environment?.name
}

export function jobsOf(workflow: Workflow): [string, Job][] {
  return Object.entries(workflow.jobs)
}
