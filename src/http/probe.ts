/** What one HTTPS request to the commons found. */
export interface ProbeResult {
  url: string
  /** The HTTP status, or undefined when no answer came. */
  status: number | undefined
  latencyMilliseconds: number
  /** Why no answer came: a timeout, a refused connection, a TLS error. */
  error?: string
  body?: string
}

export interface ProbeOptions {
  timeoutMilliseconds: number
  /** Keep at most this many characters of the body. */
  keepBody?: number
  fetch?: typeof fetch
  now?: () => number
}

/** Sends one GET, never following redirects, and never throws. */
export async function probe(
  url: string,
  options: ProbeOptions
): Promise<ProbeResult> {
  const send = options.fetch ?? fetch
  const now = options.now ?? Date.now
  const started = now()

  try {
    const response = await send(url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMilliseconds),
      headers: { 'user-agent': 'gen3-poc-action' }
    })
    const text = await response.text()
    return {
      url,
      status: response.status,
      latencyMilliseconds: now() - started,
      ...(options.keepBody === undefined
        ? {}
        : { body: text.slice(0, options.keepBody) })
    }
  } catch (error) {
    return {
      url,
      status: undefined,
      latencyMilliseconds: now() - started,
      error: reasonOf(error)
    }
  }
}

interface ErrorLike {
  name?: unknown
  message?: unknown
  cause?: unknown
}

/** Errors from fetch may come from another realm: read them by shape. */
function reasonOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error)
  const { name, message, cause } = error as ErrorLike
  if (name === 'TimeoutError') return 'no answer before the timeout'
  const text = typeof message === 'string' ? message : String(name)
  if (typeof cause === 'object' && cause !== null) {
    const inner = (cause as ErrorLike).message
    if (typeof inner === 'string') return `${text}: ${inner}`
  }
  return text
}
