// Just enough of the POSIX tar format (ustar) for database backups: regular files and folders, streamed both ways so
// a backup of any size never sits in memory. The archives open with any tar (`tar tzf backup.tar.gz`); reading takes
// nothing but files and folders with plain relative names, so an archive cannot write outside the folder it is
// restored into.
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1; // what 11 octal digits hold (8 GiB); Postgres files are at most 1 GiB

export type TarEntry = { name: string; type: "file" | "directory"; size: number; mtime: Date };

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

/** ustar keeps a name of up to 100 bytes, or a prefix of up to 155 and a name of up to 100 split at a "/". */
function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: "", base: name };
  for (let cut = name.indexOf("/"); cut !== -1; cut = name.indexOf("/", cut + 1)) {
    const prefix = name.slice(0, cut);
    const base = name.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100) return { prefix, base };
  }
  throw new Error(`The path ${name} is too long for a tar archive`);
}

export function tarHeader(entry: TarEntry): Buffer {
  if (entry.size > MAX_SIZE) throw new Error(`${entry.name} is larger than a tar archive holds`);
  const header = Buffer.alloc(BLOCK);
  const { prefix, base } = splitName(entry.type === "directory" ? `${entry.name.replace(/\/$/, "")}/` : entry.name);
  header.write(base, 0, 100);
  header.write(octal(entry.type === "directory" ? 0o700 : 0o600, 8), 100);
  header.write(octal(0, 8), 108);
  header.write(octal(0, 8), 116);
  header.write(octal(entry.type === "directory" ? 0 : entry.size, 12), 124);
  header.write(octal(Math.floor(entry.mtime.getTime() / 1000), 12), 136);
  header.write(" ".repeat(8), 148);
  header.write(entry.type === "directory" ? "5" : "0", 156);
  header.write("ustar\x0000", 257);
  header.write(prefix, 345, 155);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  header.write(`${checksum.toString(8).padStart(6, "0")}\0 `, 148);
  return header;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** The archive of a folder's contents (names relative to it, under `into/`), after any leading in-memory files. */
export async function* tarFolder(
  root: string,
  into: string,
  leading: { name: string; data: Buffer }[] = [],
): AsyncGenerator<Buffer> {
  for (const file of leading) {
    yield tarHeader({ name: file.name, type: "file", size: file.data.length, mtime: new Date() });
    yield file.data;
    yield padding(file.data.length);
  }
  const walk = async function* (relative: string): AsyncGenerator<Buffer> {
    const folder = path.join(root, relative);
    const info = await stat(folder);
    yield tarHeader({
      name: path.posix.join(into, relative.split(path.sep).join("/")),
      type: "directory",
      size: 0,
      mtime: info.mtime,
    });
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) yield* walk(child);
      else if (entry.isFile()) {
        const fileInfo = await stat(path.join(root, child));
        yield tarHeader({
          name: path.posix.join(into, child.split(path.sep).join("/")),
          type: "file",
          size: fileInfo.size,
          mtime: fileInfo.mtime,
        });
        let written = 0;
        for await (const chunk of createReadStream(path.join(root, child))) {
          written += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
        if (written !== fileInfo.size) throw new Error(`${child} changed while it was archived`);
        yield padding(written);
      }
    }
  };
  yield* walk("");
  yield Buffer.alloc(BLOCK * 2);
}

/** Pulls exact byte counts out of a stream of chunks. */
class ByteReader {
  private pending: Buffer[] = [];
  private buffered = 0;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.buffered < n) {
      const next = await this.source.next();
      if (next.done) return false;
      this.pending.push(next.value);
      this.buffered += next.value.length;
    }
    return true;
  }

  /** Up to `n` bytes: whatever is buffered first, so large files stream through in the source's chunks. */
  async readSome(n: number): Promise<Buffer> {
    if (!(await this.fill(1))) throw new Error("The archive ends in the middle of a file");
    const first = this.pending[0];
    const piece = first.subarray(0, n);
    if (piece.length === first.length) this.pending.shift();
    else this.pending[0] = first.subarray(n);
    this.buffered -= piece.length;
    return piece;
  }

  async readExactly(n: number): Promise<Buffer | null> {
    if (!(await this.fill(n))) return null;
    const all = Buffer.concat(this.pending);
    this.pending = all.length > n ? [all.subarray(n)] : [];
    this.buffered = all.length - n;
    return all.subarray(0, n);
  }
}

const field = (header: Buffer, offset: number, length: number) =>
  header
    .subarray(offset, offset + length)
    .toString("utf8")
    .replace(/\0.*$/s, "");

function parseHeader(header: Buffer): TarEntry {
  const stored = parseInt(field(header, 148, 8).trim(), 8);
  const sum = header.reduce((total, byte, index) => total + (index >= 148 && index < 156 ? 32 : byte), 0);
  if (stored !== sum || field(header, 257, 5) !== "ustar")
    throw new Error("This is not a tar archive written by db:backup (bad header)");
  const prefix = field(header, 345, 155);
  const name = (prefix ? `${prefix}/` : "") + field(header, 0, 100);
  const flag = String.fromCharCode(header[156]);
  if (flag !== "0" && flag !== "5" && header[156] !== 0)
    throw new Error(`The archive holds something other than files and folders: ${name}`);
  const normalized = path.posix.normalize(name).replace(/\/$/, "");
  if (!normalized || normalized.startsWith("/") || normalized === ".." || normalized.startsWith("../"))
    throw new Error(`Unsafe path in the archive: ${name}`);
  return {
    name: normalized,
    type: flag === "5" ? "directory" : "file",
    size: parseInt(field(header, 124, 12).trim() || "0", 8),
    mtime: new Date(parseInt(field(header, 136, 12) || "0", 8) * 1000),
  };
}

/** Each entry with a reader of its content; content a caller did not read is skipped before the next entry. */
export async function* readTar(
  source: AsyncIterable<Buffer>,
): AsyncGenerator<{ entry: TarEntry; content: () => AsyncGenerator<Buffer> }> {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  for (;;) {
    const header = await reader.readExactly(BLOCK);
    if (!header || header.every((byte) => byte === 0)) return;
    const entry = parseHeader(header);
    let remaining = entry.type === "file" ? entry.size : 0;
    let isConsumed = false;
    const content = async function* () {
      isConsumed = true;
      while (remaining > 0) {
        const piece = await reader.readSome(remaining);
        remaining -= piece.length;
        yield piece;
      }
    };
    yield { entry, content };
    if (!isConsumed) for await (const piece of content()) void piece;
    await reader.readExactly(padding(entry.type === "file" ? entry.size : 0).length);
  }
}
