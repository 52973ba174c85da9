// Prints jest's counts as one plain closing line: "jest: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const skipped = results.numPendingTests + results.numTodoTests
console.log(
  `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`
)
