import { describe, expect, it } from '@jest/globals'

import { isSettling, stackState } from '../../src/stack/stack-state.js'

describe('where a stack stands for deploy', () => {
  it.each([
    [undefined, 'absent'],
    ['REVIEW_IN_PROGRESS', 'absent'],
    ['DELETE_COMPLETE', 'absent'],
    ['CREATE_COMPLETE', 'ready'],
    ['UPDATE_COMPLETE', 'ready'],
    ['UPDATE_ROLLBACK_COMPLETE', 'ready'],
    ['IMPORT_COMPLETE', 'ready'],
    ['ROLLBACK_COMPLETE', 'failed-create'],
    ['CREATE_IN_PROGRESS', 'busy'],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'busy'],
    ['UPDATE_ROLLBACK_IN_PROGRESS', 'busy'],
    ['DELETE_IN_PROGRESS', 'busy'],
    ['UPDATE_ROLLBACK_FAILED', 'stuck'],
    ['ROLLBACK_FAILED', 'stuck'],
    ['DELETE_FAILED', 'stuck'],
    ['UPDATE_FAILED', 'stuck'],
    ['CREATE_FAILED', 'stuck']
  ])('%s is %s', (status, kind) => {
    expect(stackState(status, 'gen3-poc').kind).toBe(kind)
  })

  it('tells the operator how to leave ROLLBACK_FAILED', () => {
    expect(stackState('ROLLBACK_FAILED', 'gen3-poc')).toEqual({
      kind: 'stuck',
      advice:
        'Its first create failed and the rollback could not delete everything. ' +
        "Delete the stack in the CloudFormation console (retaining what it cannot delete) or with 'aws cloudformation delete-stack --stack-name gen3-poc', remove what is left, then run deploy again."
    })
  })

  it('tells the operator how to leave UPDATE_FAILED with rollback disabled', () => {
    expect(stackState('UPDATE_FAILED', 'gen3-poc')).toEqual({
      kind: 'stuck',
      advice:
        "A previous operation failed with rollback disabled. Roll it back with 'aws cloudformation rollback-stack --stack-name gen3-poc' (or Stack actions > Roll back in the console), then run deploy again."
    })
  })

  it('sends DELETE_FAILED to destroy', () => {
    expect(stackState('DELETE_FAILED', 'gen3-poc')).toEqual({
      kind: 'stuck',
      advice:
        'A delete stopped part-way. Run destroy again (it lists the resources that could not be deleted), then run deploy again.'
    })
  })

  it('waits only while CloudFormation is working, not while a change set awaits review', () => {
    expect(isSettling('UPDATE_IN_PROGRESS')).toBe(true)
    expect(isSettling('REVIEW_IN_PROGRESS')).toBe(false)
    expect(isSettling('UPDATE_COMPLETE')).toBe(false)
    expect(isSettling(undefined)).toBe(false)
  })
})
