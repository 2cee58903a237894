import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTar, tarFolder, tarHeader } from "./tar";

let root: string;
const bigFile = Buffer.alloc(700_000, 7);
const longName = `${"nested-folder-name/".repeat(6)}file-with-a-rather-long-name-to-need-the-prefix-field.dat`;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "oi-tar-test-"));
  await mkdir(path.join(root, "src", "base", "1"), { recursive: true });
  await writeFile(path.join(root, "src", "PG_VERSION"), "18\n");
  await writeFile(path.join(root, "src", "base", "1", "1259"), bigFile);
  await writeFile(path.join(root, "src", "empty"), "");
  await mkdir(path.join(root, "src", path.dirname(longName)), { recursive: true });
  await writeFile(path.join(root, "src", longName), "long");
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function archive(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of tarFolder(path.join(root, "src"), "pglite", [
    { name: "backup.json", data: Buffer.from("{}") },
  ]))
    chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readAll(bytes: Buffer, chunkSize = 1000) {
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, i) =>
    bytes.subarray(i * chunkSize, (i + 1) * chunkSize),
  );
  const entries: Record<string, string | Buffer> = {};
  for await (const { entry, content } of readTar(Readable.from(chunks))) {
    if (entry.type === "directory") entries[`${entry.name}/`] = "dir";
    else {
      const parts: Buffer[] = [];
      for await (const part of content()) parts.push(part);
      entries[entry.name] = Buffer.concat(parts);
    }
  }
  return entries;
}

describe("tar", () => {
  it("round-trips files and folders, streamed in small chunks", async () => {
    const entries = await readAll(await archive(), 777);
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining([
        "backup.json",
        "pglite/",
        "pglite/base/1/",
        "pglite/PG_VERSION",
        "pglite/empty",
        `pglite/${longName}`,
      ]),
    );
    expect((entries["pglite/base/1/1259"] as Buffer).equals(bigFile)).toBe(true);
    expect(entries["pglite/PG_VERSION"].toString()).toBe("18\n");
    expect(entries[`pglite/${longName}`].toString()).toBe("long");
  });

  it("writes archives the system tar reads", async () => {
    const file = path.join(root, "out.tar");
    await writeFile(file, await archive());
    const listing = execFileSync("tar", ["-tf", file]).toString().split("\n");
    expect(listing).toEqual(
      expect.arrayContaining(["backup.json", "pglite/PG_VERSION", "pglite/base/1/1259", `pglite/${longName}`]),
    );
  });

  it("refuses names that climb out of the folder, links, and damaged headers", async () => {
    const entry = (name: string) => tarHeader({ name, type: "file", size: 0, mtime: new Date() });
    for (const name of ["../evil", "/etc/passwd", "pglite/../../evil"]) {
      await expect(readAll(Buffer.concat([entry(name), Buffer.alloc(1024)]))).rejects.toThrow(/Unsafe path/);
    }
    const link = entry("pglite/link");
    link.write("2", 156);
    link.write(" ".repeat(8), 148);
    link.write(
      `${link
        .reduce((s, b) => s + b, 0)
        .toString(8)
        .padStart(6, "0")}\0 `,
      148,
    );
    await expect(readAll(Buffer.concat([link, Buffer.alloc(1024)]))).rejects.toThrow(/other than files and folders/);
    const damaged = entry("pglite/file");
    damaged[0] ^= 1;
    await expect(readAll(Buffer.concat([damaged, Buffer.alloc(1024)]))).rejects.toThrow(/bad header/);
  });
});
