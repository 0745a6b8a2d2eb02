import { spawn } from 'node:child_process'
import type { ScanStatus } from './attachments.types'

/**
 * The virus-scan hook: every accepted file passes through `scan` before it is stored. An 'infected'
 * or 'error' result refuses the upload; the status is kept on the row.
 */
export interface VirusScanner {
  scan(bytes: Buffer, meta: { fileName: string; mime: string }): Promise<ScanStatus>
}

/** The default when no scanner is configured: records 'not_scanned' (the row says so; nothing pretends). */
export const notScanned: VirusScanner = { scan: async () => 'not_scanned' }

/**
 * A scanner run as a command that reads the file on stdin, with ClamAV's exit codes: 0 clean,
 * 1 infected, anything else an error (e.g. `clamdscan --no-summary -` or `clamscan --no-summary -`).
 * Configured with FILE_SCAN_COMMAND; arguments are split on spaces (no shell).
 */
export function commandScanner(command: string, timeoutMs = 60_000): VirusScanner {
  const [bin, ...args] = command.trim().split(/\s+/)
  return {
    scan: (bytes) =>
      new Promise<ScanStatus>((resolve) => {
        const child = spawn(bin!, args, { stdio: ['pipe', 'ignore', 'ignore'], timeout: timeoutMs })
        child.on('error', () => resolve('error'))
        child.on('close', (code) => resolve(code === 0 ? 'clean' : code === 1 ? 'infected' : 'error'))
        child.stdin.on('error', () => undefined)
        child.stdin.end(bytes)
      }),
  }
}

/** The scanner the configuration asks for. */
export const scannerFor = (command: string | null | undefined): VirusScanner => (command ? commandScanner(command) : notScanned)
