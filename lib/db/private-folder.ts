// The embedded database's folder holds every stored row (hashed API keys, encrypted secrets, sessions' users) and the
// development secrets: only the OS user that runs the app may enter it. PGlite unpacks a fresh database with
// world-readable (even world-writable) files, and older versions of this app left folders 0755, so the modes are
// set here rather than trusted.
import { chmod, lstat, mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export class UnsafeFolderError extends Error {}

/**
 * Creates `folder` (and missing parents) as 0700, or makes an existing one 0700. Refuses a folder that belongs to
 * another user, and — when `allowSymlink` is false, as for folders in a shared place like /tmp — a symlink.
 */
export async function ensurePrivateFolder(folder: string, { allowSymlink = true } = {}): Promise<void> {
  await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const link = await lstat(folder);
  if (link.isSymbolicLink() && !allowSymlink)
    throw new UnsafeFolderError(`${folder} is a symbolic link; refusing to use it.`);
  const info = link.isSymbolicLink() ? await stat(folder) : link;
  if (!info.isDirectory()) throw new UnsafeFolderError(`${folder} is not a folder.`);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new UnsafeFolderError(
      `${folder} belongs to another user (uid ${info.uid}); refusing to keep the database there.`,
    );
  }
  if ((info.mode & 0o777) !== PRIVATE_FOLDER_MODE) await chmod(folder, PRIVATE_FOLDER_MODE);
}

// A file can vanish between readdir and chmod: PGlite removes temporary files while it runs.
async function chmodIfPresent(entry: string, mode: number): Promise<boolean> {
  try {
    await chmod(entry, mode);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/**
 * Makes every folder under `root` 0700 and every file 0600 (symlinks are left alone, never followed). About 1,300
 * entries for a fresh database: a few milliseconds, so it runs on every start and stop.
 */
export async function restrictFolderModes(root: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  for (const entry of entries) {
    const entryPath = path.join(root, entry.name);
    if (entry.isDirectory()) {
      if (await chmodIfPresent(entryPath, PRIVATE_FOLDER_MODE)) await restrictFolderModes(entryPath);
    } else if (entry.isFile() || entry.isSocket()) {
      await chmodIfPresent(entryPath, PRIVATE_FILE_MODE);
    }
  }
}
