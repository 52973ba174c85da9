// Prints jest's counts as one plain closing line: "jest: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'
import process from 'node:process'

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const skipped = results.numPendingTests + results.numTodoTests
process.stdout.write(
  `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`
)
