import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'

import {
  checkDictionary,
  NoDictionaryFilesError,
  repositoryPath
} from '../../src/dictionary/check.js'
import {
  actionRoot,
  defaultDictionaryDir,
  exampleDictionaryPath,
  locateDictionary,
  repositoryRootOf
} from '../../src/dictionary/location.js'
import { readDictionaryFolder } from '../../src/dictionary/source.js'
import { checkRule } from './minimal.js'
import { loadDictionary } from '../../src/dictionary/load.js'
import { validateDictionary } from '../../src/dictionary/validate.js'

let root: string

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'dictionary-'))
})

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

function write(relative: string, content: string | Buffer) {
  const file = path.join(root, relative)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, content)
}

describe('reading a dictionary folder as Gen3 does', () => {
  it('reads only the top-level .yaml files and lists what it leaves out', async () => {
    write('program.yaml', 'id: program\n')
    write('sample.yml', 'id: sample\n')
    write('README.md', '# dictionary\n')
    write('.hidden.yaml', 'id: hidden\n')
    write('projects/project1.yaml', 'id: project1\n')

    expect(await readDictionaryFolder(root)).toEqual({
      files: { 'program.yaml': 'id: program\n' },
      ignored: ['sample.yml'],
      undecodable: [],
      folders: ['projects']
    })
  })

  it('R-YAML-PARSE: refuses a file that is not UTF-8', async () => {
    write('program.yaml', Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]))
    const source = await readDictionaryFolder(root)

    expect(
      validateDictionary(loadDictionary(source), { strict: false })
        .filter((item) => item.rule === 'R-YAML-PARSE')
        .map((item) => [item.place?.file, item.message])
    ).toEqual([
      [
        'program.yaml',
        "program.yaml is not UTF-8 text, which is how Gen3's loader opens it."
      ]
    ])
  })

  it('R-FILES-GLOB: a .yml file left out is only a warning', () => {
    expect(
      checkRule('R-FILES-GLOB', {}, { ignored: ['a.yml'] }).map(
        (item) => item.severity
      )
    ).toEqual(['warning'])
  })
})

describe('where the dictionary is', () => {
  it('is dictionary-dir under the repository root when it exists', async () => {
    write('gen3/dictionary/program.yaml', 'id: program\n')

    expect(
      await locateDictionary(
        'gen3/dictionary',
        root,
        path.join(root, 'example')
      )
    ).toEqual({
      dir: path.join(root, 'gen3/dictionary'),
      bundled: false
    })
  })

  it('fails, never checking the example, when a dictionary-dir someone set does not exist', async () => {
    write('example/program.yaml', 'id: program\n')

    await expect(
      locateDictionary('gen3/dictionry', root, path.join(root, 'example'))
    ).rejects.toThrow(
      "dictionary-dir gen3/dictionry does not exist: set it to the folder with the dictionary's .yaml files. Only when dictionary-dir is left at gen3/dictionary and that folder is absent is the bundled example checked instead."
    )
  })

  it('keeps the default of action.yml as the one folder the example stands in for', () => {
    const action = readFileSync(
      new URL('../../action.yml', import.meta.url),
      'utf8'
    )

    expect(action).toMatch(
      new RegExp(`dictionary-dir:[^]*?default: ${defaultDictionaryDir}\n`)
    )
  })

  it('is the bundled example when dictionary-dir is the default and does not exist', async () => {
    write('example/program.yaml', 'id: program\n')

    expect(
      await locateDictionary(
        'gen3/dictionary',
        root,
        path.join(root, 'example')
      )
    ).toEqual({
      dir: path.join(root, 'example'),
      bundled: true
    })
  })

  it('fails clearly when neither exists', async () => {
    await expect(
      locateDictionary('gen3/dictionary', root, path.join(root, 'example'))
    ).rejects.toThrow(
      `The dictionary folder gen3/dictionary does not exist, and neither does the bundled example at ${path.join(root, 'example')}: set dictionary-dir to the folder with the dictionary's .yaml files.`
    )
  })

  it('fails clearly when dictionary-dir is a file', async () => {
    write('gen3/dictionary', 'id: program\n')

    await expect(
      locateDictionary('gen3/dictionary', root, root)
    ).rejects.toThrow(
      "dictionary-dir gen3/dictionary is a file: set it to the folder that holds the dictionary's .yaml files."
    )
  })

  it("finds the bundled example from the action's root, past the copies of action.yml in the bundle", () => {
    write('action.yml', 'name: x\n')
    write('examples/centre/gen3/dictionary/program.yaml', 'id: program\n')
    write('dist/action.yml', 'name: x\n')
    write('dist/package.json', '{"type":"module"}\n')
    write('dist/cli/action.yml', 'name: x\n')

    expect(actionRoot(path.join(root, 'dist', 'cli'))).toBe(root)
    expect(actionRoot(path.join(root, 'dist'))).toBe(root)
    expect(exampleDictionaryPath).toBe('examples/centre/gen3/dictionary')
  })

  it('takes the repository root from GITHUB_WORKSPACE, else the working directory', () => {
    expect(repositoryRootOf({ GITHUB_WORKSPACE: root })).toBe(root)
    expect(repositoryRootOf({})).toBe(process.cwd())
  })

  it('gives annotations the path from the repository root, none outside it', () => {
    expect(
      repositoryPath(path.join(root, 'gen3/dictionary'), 'sample.yaml', root)
    ).toBe('gen3/dictionary/sample.yaml')
    expect(
      repositoryPath('/elsewhere/dictionary', 'sample.yaml', root)
    ).toBeUndefined()
  })
})

describe('a folder with no dictionary files of its own', () => {
  it("points at the nearest folder below that has them, as in Gen3's repository layout", async () => {
    write('nested/gdcdictionary/schemas/program.yaml', 'id: program\n')
    write('nested/README.md', '# a dictionary\n')

    await expect(
      checkDictionary(path.join(root, 'nested'), { strict: false })
    ).rejects.toThrow(
      `There are no .yaml files directly in ${path.join(root, 'nested')}, and Gen3 reads only those of the dictionary folder. The nearest folder with some is ${path.join(root, 'nested/gdcdictionary/schemas')}: set dictionary-dir to it.`
    )
  })

  it('says so plainly for an empty folder', async () => {
    mkdirSync(path.join(root, 'empty'))

    await expect(
      checkDictionary(path.join(root, 'empty'), { strict: false })
    ).rejects.toThrow(NoDictionaryFilesError)
  })
})
