import { defineConfig } from "vitest/config";

// The UI is embedded into the Tauri binary: relative asset paths, no dev server needed.
export default defineConfig({
  base: "./",
  clearScreen: false,
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    // CodeMirror is one chunk; a desktop app loads it from disk.
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["src/testSetup.ts"],
  },
});
