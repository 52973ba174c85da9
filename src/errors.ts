/** One bad input: its name, the value given, and what would be valid. */
export interface InputProblem {
  input: string
  value: string
  expected: string
}

function describe(problem: InputProblem): string {
  const shown = problem.value === '' ? 'empty' : JSON.stringify(problem.value)
  return `input '${problem.input}' is ${shown}: expected ${problem.expected}`
}

/**
 * The inputs failed validation. Nothing has been written, deployed or pushed
 * when this is thrown; every bad input is listed, not only the first.
 */
export class InputError extends Error {
  readonly problems: readonly InputProblem[]

  constructor(problems: readonly InputProblem[]) {
    const [first] = problems
    super(
      problems.length === 1 && first
        ? describe(first)
        : `${problems.length} inputs are not valid:\n` +
            problems.map((problem) => `  - ${describe(problem)}`).join('\n')
    )
    this.name = 'InputError'
    this.problems = problems
  }
}

/** A command this version of the action does not implement yet. */
export class NotAvailableError extends Error {
  constructor(command: string) {
    super(
      `The command '${command}' is not available in this version of the action yet.`
    )
    this.name = 'NotAvailableError'
  }
}
