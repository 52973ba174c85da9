import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'

import { githubReporter } from '../../src/report/github.js'

let written: string[] = []

beforeEach(() => {
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('the runner reporter', () => {
  it('opens a log group for each step and closes it after', async () => {
    const value = await githubReporter.group('Check the instance', () => {
      githubReporter.info('running')
      return Promise.resolve(42)
    })

    expect(value).toBe(42)
    expect(written.join('')).toBe(
      '::group::Check the instance\nrunning\n::endgroup::\n'
    )
  })

  it('turns a group inside a group into a heading, since the log folds one level', async () => {
    await githubReporter.group('Show the sleep page', async () => {
      await githubReporter.group('Change set gen3-poc-hibernate-1', () => {
        githubReporter.info('2 changes')
        return Promise.resolve()
      })
      githubReporter.info('done')
    })

    expect(written.join('')).toBe(
      [
        '::group::Show the sleep page',
        '── Change set gen3-poc-hibernate-1',
        '2 changes',
        'done',
        '::endgroup::',
        ''
      ].join('\n')
    )
  })

  it('opens a group again once the outer one has closed, even after a failure', async () => {
    await expect(
      githubReporter.group('Deploy', () => Promise.reject(new Error('no')))
    ).rejects.toThrow('no')
    await githubReporter.group('Status', () => Promise.resolve())

    expect(written.join('')).toBe(
      '::group::Deploy\n::endgroup::\n::group::Status\n::endgroup::\n'
    )
  })
})
