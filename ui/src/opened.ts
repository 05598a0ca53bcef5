// Files handed to the app from outside: on its command line at start (打开方式 in the file manager),
// or by a second start, which the shell stops and whose files it passes on. The shell keeps them in
// a queue; the window takes them at start and whenever the shell says more are waiting, and imports
// them one batch after another through the usual import (progress, the lecture opened, the summary).
import { listen } from "@tauri-apps/api/event";
import { api } from "./api";

/** The shell's event: files are waiting. */
export const FILES_OPENED = "files-opened";

/** Takes the waiting files now and whenever the shell announces more, importing each batch in turn. */
export async function handleOpenedFiles(
  importPaths: (paths: string[]) => Promise<void>,
  onError: (e: unknown) => void,
): Promise<void> {
  let queue = Promise.resolve();
  const take = () => {
    queue = queue.then(async () => {
      try {
        const paths = await api.appTakeOpenedFiles();
        if (paths.length > 0) await importPaths(paths);
      } catch (e) {
        onError(e);
      }
    });
  };
  // Listen first, then take: files that arrive in between are taken by one or the other.
  await listen(FILES_OPENED, take);
  take();
}
