// Vite builds the dashboard into dist/ (served by `footfall serve` from server.web_root). Relative asset paths so
// that the page works whatever path the server mounts it at. `npm run dev` proxies the API to a local server
// (FOOTFALL_API, default http://127.0.0.1:8080).
import { defineConfig } from "vitest/config";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    reportCompressedSize: true,
    rollupOptions: {
      output: {
        // ECharts in its own file: it changes far less often than the app, so browsers keep it cached.
        manualChunks(id: string) {
          return id.includes("node_modules/echarts") || id.includes("node_modules/zrender") ? "echarts" : undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: process.env.FOOTFALL_API ?? "http://127.0.0.1:8080", changeOrigin: false },
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
