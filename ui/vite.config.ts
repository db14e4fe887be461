import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Tauri 2 on Linux renders with WebKitGTK 2.4x (roughly Safari 15-17 feature level).
export default defineConfig({
  root: ".",
  base: "./",
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    host: "127.0.0.1",
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: ["es2021", "safari15"],
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    // Component tests render the whole app and type key by key; on a busy 2-core machine some
    // take several seconds, so the 5 s default would fail them for slowness, not behaviour.
    testTimeout: 20_000,
  },
});
