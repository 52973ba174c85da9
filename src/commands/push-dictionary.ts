import { NotAvailableError } from '../errors.js'
import type { Context } from './context.js'

export function pushDictionary(context: Context): Promise<void> {
  return Promise.reject(new NotAvailableError(context.inputs.command))
}
