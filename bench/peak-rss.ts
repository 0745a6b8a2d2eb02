import { readFileSync } from 'node:fs'

/**
 * The peak resident set of this process image, in KiB. getrusage's maxRSS is not it on Linux: exec
 * keeps the high-water mark of the process that forked it, so a child of a harness that had just
 * generated 10 M items reported ~1 GiB it never used. /proc's VmHWM belongs to this image's memory
 * map. Its own module (not bench/lib.ts) so the export children load nothing else for it.
 */
export function peakRssKiB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1])
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS
}
