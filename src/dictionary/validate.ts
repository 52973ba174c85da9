import { checkDatamodel } from './checks/datamodel.js'
import { checkLinks } from './checks/links.js'
import { checkMetaschema } from './checks/metaschema.js'
import { checkNames } from './checks/names.js'
import { checkProperties } from './checks/properties.js'
import { checkRequiredFields } from './checks/required-fields.js'
import { checkRuntime } from './checks/runtime.js'
import {
  arrange,
  type Finding,
  type ReportedFinding,
  severityOf
} from './findings.js'
import type { Dictionary } from './load.js'

export interface ValidationOptions {
  /** Report what Gen3's own tools are too loose about as errors. */
  strict: boolean
  /**
   * The centre ships its own portal configuration (gitops.json), so the
   * default portal's need for case, experiment and aliquot nodes is moot.
   */
  portalConfigured?: boolean
}

/**
 * Every rule of the catalogue (rules.ts) on a loaded dictionary, including
 * those Gen3 meets only when sheepdog and peregrine start. Sorted by file
 * and line, each finding once, with its severity.
 */
export function validateDictionary(
  dictionary: Dictionary,
  options: ValidationOptions
): ReportedFinding[] {
  const found: Finding[] = [
    ...dictionary.findings,
    ...checkMetaschema(dictionary),
    ...checkLinks(dictionary),
    ...checkNames(dictionary),
    ...checkRequiredFields(dictionary),
    ...checkProperties(dictionary),
    ...checkDatamodel(dictionary),
    ...checkRuntime(dictionary, options.portalConfigured === true)
  ]
  return arrange(found).map((item) => ({
    ...item,
    severity: severityOf(item.strictness, options.strict)
  }))
}
