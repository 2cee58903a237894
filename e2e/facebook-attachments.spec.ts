// Inbound attachments in the production build: a signed webhook with a picture, a file and an expired link; the
// server's own background job keeps the files; the inbox shows the picture from this server (not Meta's CDN), offers
// the file as a download, and says which one could not be kept. The files are served with their safe headers.
import { crc32, deflateSync } from "node:zlib";
import { startFakeMetaCdn, type FakeMetaCdn } from "../tests/helpers/fake-meta-cdn";
import { expect, expectAccessible, open, screenshot, test } from "./support/fixtures";
import { createSignedPage, deliverSigned, digits, personMessage } from "./support/meta";

let cdn: FakeMetaCdn;
test.beforeAll(async () => {
  cdn = await startFakeMetaCdn();
});
test.afterAll(async () => {
  await cdn?.close();
});

/** A real PNG (a 160×100 gradient), so the browser decodes and shows it. */
function gradientPng(width = 160, height = 100): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.concat(
    Array.from({ length: height }, (_, y) =>
      Buffer.from([
        0,
        ...Array.from({ length: width }, (_, x) => [
          Math.round((x / width) * 255),
          Math.round((y / height) * 255),
          180,
        ]).flat(),
      ]),
    ),
  );
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
const PNG = gradientPng();
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test("inbound attachments are kept by the server and shown from it, with a reason for the one Meta's link had expired", async ({
  page,
  api,
  orgId,
  playwright,
}) => {
  const psid = digits(16);
  const signed = await createSignedPage(api, orgId, "Attachments page");
  const integration = { id: signed.integrationId };
  const imageUrl = cdn.host("465437890_n.png", { body: PNG, contentType: "image/png" });
  const fileUrl = cdn.host("123_n.pdf", {
    body: PDF,
    contentType: "application/pdf",
    contentDisposition: `attachment; filename="Quote.pdf"`,
  });
  const expiredUrl = cdn.host("old_n.jpg", { body: PNG, contentType: "image/jpeg", isExpired: true });
  await deliverSigned(playwright, orgId, signed, [
    personMessage(signed, psid, {
      attachments: [
        { type: "image", payload: { url: imageUrl } },
        { type: "file", payload: { url: fileUrl } },
        { type: "image", payload: { url: expiredUrl } },
      ],
    }),
  ]);

  await open(page, `/orgs/${orgId}/integrations/${integration.id}`);
  const inbox = page.getByTestId("inbox");
  // This integration's only conversation (however the person is named: Meta's profile API is not faked here).
  await inbox.getByTestId("conversation").getByRole("button").click();
  const attachments = inbox.getByTestId("thread").getByTestId("attachment");
  // The job runs in the server (graphile-worker), the inbox refreshes on its own.
  await expect(attachments.nth(0)).toHaveAttribute("data-status", "stored", { timeout: 30_000 });
  await expect(attachments.nth(1)).toHaveAttribute("data-status", "stored", { timeout: 30_000 });
  await expect(attachments.nth(2)).toHaveAttribute("data-status", "unavailable", { timeout: 30_000 });

  const image = attachments.nth(0).getByRole("img");
  const src = await image.getAttribute("src");
  expect(src).toMatch(new RegExp(`^/organization-integration/${integration.id}/attachments/[0-9a-f-]{36}$`));
  await expect
    .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
    .toBe(160);
  await expect(attachments.nth(1).getByRole("link", { name: /Download Quote\.pdf/ })).toBeVisible();
  await expect(attachments.nth(2)).toContainText(
    "Image unavailable — Meta's link has expired or was removed (HTTP 403)",
  );
  await expectAccessible(page);
  await screenshot(page, "22-facebook-attachments-in");

  // The bytes, as the signed-in browser gets them, with the headers that keep a file from acting as a page.
  const served = await page.request.get(src!);
  expect(served.status()).toBe(200);
  expect(Buffer.from(await served.body()).equals(PNG)).toBe(true);
  expect(served.headers()).toMatchObject({
    "content-type": "image/png",
    "content-security-policy": "default-src 'none'; sandbox",
    "x-content-type-options": "nosniff",
    "cache-control": "private, max-age=3600",
    "cross-origin-resource-policy": "same-origin",
  });
  expect(served.headers()["content-disposition"]).toMatch(/^inline; filename="[0-9a-f]+_465437890_n\.png"/);
  const fileHref = await attachments.nth(1).getByRole("link").getAttribute("href");
  const file = await page.request.get(fileHref!);
  expect(file.headers()["content-disposition"]).toBe(`attachment; filename="Quote.pdf"; filename*=UTF-8''Quote.pdf`);
  expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);
  const slice = await page.request.get(fileHref!, { headers: { range: "bytes=0-7" } });
  expect(slice.status()).toBe(206);
  expect(slice.headers()["content-range"]).toBe(`bytes 0-7/${PDF.length}`);
  expect(await slice.text()).toBe("%PDF-1.4");

  // Without credentials (a plain fetch: Playwright's request contexts carry the signed-in state): nothing.
  const anonymous = await fetch(`${process.env.E2E_BASE_URL}${src}`);
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get("content-type")).toMatch(/^application\/json/);
});
