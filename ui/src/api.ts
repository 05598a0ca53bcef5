// The shell's commands. Their wrappers and every type they take and return are GENERATED from the
// Rust commands into bindings.ts (`make bindings`; `cargo test -p lectern-app` fails when it is
// stale): this file only re-exports them and adds the one helper a Channel needs.
// Every command rejects with a Chinese message on failure.
import { Channel } from "@tauri-apps/api/core";
import { commands, type ImportProgress } from "./bindings";

export type * from "./bindings";

export const api = {
  ...commands,
  /** Imports files, calling `onProgress` after each file is read. */
  importFiles: (paths: string[], onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return commands.importFiles(paths, channel);
  },
};
