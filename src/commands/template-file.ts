import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { InputError } from '../errors.js'

/**
 * Writes the rendered template to template-file, making its folder. A path
 * that cannot be written (a folder, no permission) is the input's fault and
 * says so, rather than the file system's bare code.
 */
export async function writeTemplateFile(
  file: string,
  text: string
): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true })
    await writeFile(file, text)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error'
    throw new InputError([
      {
        input: 'template-file',
        value: file,
        expected: `a file path that can be written (writing it failed with ${code}: ${error instanceof Error ? error.message : String(error)})`
      }
    ])
  }
}
