import { NotAvailableError } from '../errors.js'
import type { Context } from './context.js'

export function resume(context: Context): Promise<void> {
  return Promise.reject(new NotAvailableError(context.inputs.command))
}
