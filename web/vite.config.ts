import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** The web client: built into web/dist, which the server serves at / (WEB_DIST). */
const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // antd and echarts are large; pages are split with React.lazy, so the warning is noise.
    chunkSizeWarningLimit: 1500,
    // The server's CSP allows no inline scripts: never inline the module-preload polyfill.
    modulePreload: { polyfill: false },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3100', changeOrigin: false } },
  },
})
