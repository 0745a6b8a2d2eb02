/// <reference lib="webworker" />
/** Web Worker of the portal's proof of work: searches nonces in chunks and reports progress. */
import { searchNonce } from './pow'

self.onmessage = (e: MessageEvent<{ token: string; difficulty: number; chunk: number }>) => {
  const { token, difficulty, chunk } = e.data
  for (let n = 0; ; n += chunk) {
    const found = searchNonce(token, difficulty, n, chunk)
    if (found !== null) {
      self.postMessage({ nonce: found })
      return
    }
    self.postMessage({ tried: n + chunk })
  }
}
