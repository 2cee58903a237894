// Files out: POST …/messages as multipart/form-data is uploaded to the Send API as `filedata` with the attachment type
// of its MIME type, kept as an attachment of the outbound message (served by this app), and refused with 413 above
// Meta's limits (25 MB, images 8 MB) before anything is stored or sent.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as attachmentRoute from "@/app/organization-integration/[integration_id]/attachments/[attachment_id]/route";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute } from "../helpers/call-route";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { connectedPage, personWrites, sendFileReply, type UploadFile } from "../helpers/messenger-replies";
import { withOrgAndFakeGraph } from "../helpers/org-with-fake-graph";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
let graph: FakeGraphServer;

withOrgAndFakeGraph((setup) => ({ org, graph } = setup));

const MB = 1024 * 1024;
const bytes = (size: number, seed = 7) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) % 256);
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const png: UploadFile = { name: "receipt.png", type: "image/png", bytes: bytes(4096) };

describe("POST …/messages with a file (multipart/form-data)", () => {
  it("uploads the file as filedata with its type, and keeps it as a stored attachment of the reply", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWrites(org, fb);
    const { status, json } = await sendFileReply(
      fb.id,
      { recipient_id: psid, text: "Here is your receipt" },
      [png],
      org.keys.admin,
    );
    expect(status).toBe(201);
    expect(json.message).toBe("Message sent successfully");
    // Meta takes text or an attachment per message: the text first, then the file.
    expect(json.messages.map((m: { text: string | null; status: string }) => [m.text, m.status])).toEqual([
      ["Here is your receipt", "sent"],
      [null, "sent"],
    ]);
    const [text, file] = graph.sentMessages(fb.accessToken);
    expect(text).toMatchObject({ text: "Here is your receipt", attachment: null, messagingType: "RESPONSE" });
    expect(file).toMatchObject({
      recipient: psid,
      text: null,
      messagingType: "RESPONSE",
      metadata: `org-integrations:${json.sent.id}`,
      attachment: {
        type: "image",
        isReusable: true,
        filename: "receipt.png",
        contentType: "image/png",
        size: 4096,
        sha256: sha256(png.bytes),
      },
    });
    const upload = graph.requests.filter((r) => r.path.endsWith("/me/messages"))[1];
    expect(upload.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.body).toContain('name="filedata"; filename="receipt.png"');

    const [attachment] = json.sent.attachments;
    expect(attachment).toEqual(
      expect.objectContaining({
        type: "image",
        status: "stored",
        mime_type: "image/png",
        size: 4096,
        name: "receipt.png",
        url: `/organization-integration/${fb.id}/attachments/${attachment.id}`,
      }),
    );
    const served = await callRoute(attachmentRoute.GET, {
      path: attachment.url,
      params: { integration_id: fb.id, attachment_id: attachment.id },
      headers: bearer(org.keys.viewer),
    });
    expect(served.status).toBe(200);
    const stored = await db().messengerAttachment.findUniqueOrThrow({ where: { id: attachment.id } });
    expect(sha256(stored.data!)).toBe(sha256(png.bytes));
  });

  it("sends each MIME family as its Messenger type, a file alone, and HUMAN_AGENT when asked", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWrites(org, fb, { ago: 30 * 60 * 60 * 1000 });
    const files: [UploadFile, string][] = [
      [{ name: "voice.mp3", type: "audio/mpeg", bytes: bytes(100) }, "audio"],
      [{ name: "clip.mp4", type: "video/mp4", bytes: bytes(100) }, "video"],
      [{ name: "invoice.pdf", type: "application/pdf", bytes: bytes(100) }, "file"],
      [{ name: "data.bin", type: "", bytes: bytes(100) }, "file"],
    ];
    for (const [upload] of files) {
      const { status, json } = await sendFileReply(
        fb.id,
        { recipient_id: psid, tag: "HUMAN_AGENT", text: "" },
        [upload],
        org.keys.admin,
      );
      expect(status).toBe(201);
      expect(json.messages).toBeUndefined();
      expect(json.sent).toMatchObject({ status: "sent", text: null, tag: "HUMAN_AGENT" });
    }
    expect(graph.sentMessages(fb.accessToken).map((m) => [m.attachment?.type, m.messagingType, m.tag])).toEqual(
      files.map(([, type]) => [type, "MESSAGE_TAG", "HUMAN_AGENT"]),
    );
    // Without the tag, a day later: the window rule applies to files too.
    expect((await sendFileReply(fb.id, { recipient_id: psid }, [png], org.keys.admin)).status).toBe(409);
  });

  it("refuses files over Meta's limits with 413 (images 8 MB, others 25 MB), storing and sending nothing", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWrites(org, fb);
    const sendFile = (name: string, type: string, size: number) =>
      sendFileReply(fb.id, { recipient_id: psid }, [{ name, type, bytes: bytes(size) }], org.keys.admin);
    const tooLarge = [
      ["photo.jpg", "image/jpeg", 8 * MB + 1, "Images can be at most 8 MB on Messenger; this one is 8.0 MB"],
      ["film.mp4", "video/mp4", 25 * MB + 1, "Files can be at most 25 MB on Messenger; this one is 25.0 MB"],
      [
        "disk.img",
        "application/octet-stream",
        27 * MB,
        "The file is larger than 25 MB, Messenger's limit for attachments",
      ],
    ] as const;
    for (const [name, type, size, error] of tooLarge) {
      expect(await sendFile(name, type, size)).toMatchObject({ status: 413, json: { error } });
    }
    // Just under the limits goes through.
    expect((await sendFile("photo.jpg", "image/jpeg", 8 * MB)).status).toBe(201);
    expect(graph.sentMessages(fb.accessToken)).toHaveLength(1);
    expect(await db().messengerMessage.count({ where: { integrationId: fb.id, direction: "outbound" } })).toBe(1);
  });

  it("answers 400 for a multipart reply without a file, with two files, an empty file or unknown fields; 403 for a viewer", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWrites(org, fb);
    const refusals: [Record<string, string>, UploadFile[], RegExp][] = [
      [{ recipient_id: psid, text: "no file" }, [], /file is required/],
      [{ recipient_id: psid }, [png, png], /one file per message/],
      [{ recipient_id: psid }, [{ name: "empty.txt", type: "text/plain", bytes: new Uint8Array() }], /file is empty/],
      [{ recipient_id: psid, color: "red" }, [png], /color/],
      [{ recipient_id: "abc" }, [png], /recipient_id/],
      [{ recipient_id: psid, text: "nul \u0000 byte" }, [png], /NUL/],
    ];
    for (const [fields, files, error] of refusals) {
      const response = await sendFileReply(fb.id, fields, files, org.keys.admin);
      expect(response.status).toBe(400);
      expect(response.json.error).toMatch(error);
    }
    expect((await sendFileReply(fb.id, { recipient_id: psid }, [png], org.keys.viewer)).status).toBe(403);
    expect(graph.sentMessages(fb.accessToken)).toHaveLength(0);
  });
});
