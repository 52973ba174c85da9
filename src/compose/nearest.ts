function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/**
 * The known word a misspelt one most likely meant, if any is close enough:
 * a few edits apart, ignoring case and the - _ . separators, or the same
 * name with compose-services' "-service" suffix.
 */
export function nearest(
  word: string,
  known: readonly string[]
): string | undefined {
  if (known.includes(`${word}-service`)) return `${word}-service`
  const plain = (text: string) => text.toLowerCase().replace(/[-_.]/g, '')
  const limit = Math.max(2, Math.floor(word.length / 5))
  let best: { word: string; distance: number } | undefined
  for (const candidate of known) {
    const apart = distance(plain(word), plain(candidate))
    if (apart <= limit && (best === undefined || apart < best.distance)) {
      best = { word: candidate, distance: apart }
    }
  }
  return best?.word
}

/** "; did you mean 'x'?" when a known word is close, else nothing. */
export function didYouMean(word: string, known: readonly string[]): string {
  const guess = nearest(word, known)
  return guess === undefined ? '' : `; did you mean '${guess}'?`
}
