import { describe, expect, it } from 'vitest'
import { configFrom, listenHost } from './config'

describe('listen address', () => {
  it('demo mode listens on 127.0.0.1 unless HOST is set (the demo password is published)', () => {
    expect(listenHost(configFrom(), { demo: true }, {})).toBe('127.0.0.1')
    expect(listenHost(configFrom({ HOST: '0.0.0.0' }), { demo: true }, { HOST: '0.0.0.0' })).toBe('0.0.0.0')
    expect(listenHost(configFrom({ HOST: '192.168.1.20' }), { demo: true }, { HOST: '192.168.1.20' })).toBe('192.168.1.20')
  })
  it('outside demo mode the configured HOST (default 0.0.0.0)', () => {
    expect(listenHost(configFrom(), { demo: false }, {})).toBe('0.0.0.0')
    expect(listenHost(configFrom({ HOST: '127.0.0.1' }), { demo: false }, { HOST: '127.0.0.1' })).toBe('127.0.0.1')
  })
})
