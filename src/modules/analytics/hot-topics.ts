import { createRequire } from 'node:module'
import type { Jieba as JiebaType } from '@node-rs/jieba'
import { DOMAIN_WORDS, selectTerms } from './hot-topics.domain'

// @node-rs/jieba is a CommonJS native addon; its dictionaries are files read at load time.
const require = createRequire(import.meta.url)

export interface TermExtractor {
  /** The distinct hot-topic terms of a text (at most `max`). */
  extract(text: string, max?: number): string[]
}

let shared: JiebaType | null = null

/** The segmenter with jieba's default dictionary plus the 12315 domain vocabulary (loaded once per process). */
function segmenter(): JiebaType {
  if (shared) return shared
  const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba')
  const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict')
  const j = Jieba.withDict(dict)
  j.loadDict(Buffer.from(DOMAIN_WORDS.map(([w, f, t]) => `${w} ${f} ${t}`).join('\n') + '\n'))
  shared = j
  return j
}

/** Keyword extraction for hot topics: jieba part-of-speech tagging, then the domain's term filter. */
export function createTermExtractor(): TermExtractor {
  const domain = new Set(DOMAIN_WORDS.map(([w]) => w))
  return {
    extract(text: string, max = 16): string[] {
      const t = text.normalize('NFKC').slice(0, 4000)
      if (!t.trim()) return []
      return selectTerms(segmenter().tag(t), domain, max)
    },
  }
}
