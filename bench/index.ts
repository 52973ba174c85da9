import { readdirSync } from 'node:fs'

/**
 * Runs every `*.bench.ts` file beside this one. Each exports a default
 * function that prints its own figures; `npm run bench -- NAME` runs the
 * files whose name contains NAME.
 */
const only = process.argv[2] ?? ''
const files = readdirSync(import.meta.dirname)
  .filter((name) => name.endsWith('.bench.ts') && name.includes(only))
  .sort()

if (files.length === 0) {
  process.stdout.write(`no benchmark matches '${only}'\n`)
  process.exitCode = 1
}

for (const file of files) {
  process.stdout.write(`\n== ${file.replace('.bench.ts', '')}\n`)
  const module = (await import(`./${file}`)) as { default: () => Promise<void> }
  await module.default()
}
