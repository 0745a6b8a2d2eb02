export * from './types'
export * from './render'
