#!/usr/bin/env node
// Entry point of the `jianguan` command. TypeScript sources run through tsx's loader.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
await main(process.argv)
