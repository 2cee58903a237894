// Just enough XML-RPC for Odoo's /xmlrpc/2/common: encode a call with string and empty-struct parameters, decode
// the answer's scalars, structs and arrays, and its fault.
export type XmlRpcValue = string | number | boolean | null | XmlRpcValue[] | { [key: string]: XmlRpcValue };

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

function encodeValue(value: XmlRpcValue): string {
  if (value === null) return "<value><nil/></value>";
  if (typeof value === "string") return `<value><string>${escapeXml(value)}</string></value>`;
  if (typeof value === "boolean") return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (typeof value === "number")
    return Number.isInteger(value) ? `<value><int>${value}</int></value>` : `<value><double>${value}</double></value>`;
  if (Array.isArray(value)) return `<value><array><data>${value.map(encodeValue).join("")}</data></array></value>`;
  const members = Object.entries(value).map(
    ([name, item]) => `<member><name>${escapeXml(name)}</name>${encodeValue(item)}</member>`,
  );
  return `<value><struct>${members.join("")}</struct></value>`;
}

export function encodeMethodCall(method: string, params: XmlRpcValue[]): string {
  const encoded = params.map((param) => `<param>${encodeValue(param)}</param>`).join("");
  return `<?xml version="1.0"?><methodCall><methodName>${escapeXml(method)}</methodName><params>${encoded}</params></methodCall>`;
}

/** A tiny recursive-descent reader over the tags of one answer (no attributes, no DTDs: XML-RPC has none). */
class Reader {
  private position = 0;
  constructor(private readonly xml: string) {}

  private skipSpace() {
    while (/\s/.test(this.xml[this.position] ?? "")) this.position += 1;
  }

  expectOpen(tag: string) {
    this.skipSpace();
    const open = `<${tag}>`;
    if (!this.xml.startsWith(open, this.position)) throw new Error(`expected <${tag}>`);
    this.position += open.length;
  }

  expectClose(tag: string) {
    this.skipSpace();
    const close = `</${tag}>`;
    if (!this.xml.startsWith(close, this.position)) throw new Error(`expected </${tag}>`);
    this.position += close.length;
  }

  peekTag(): string | null {
    this.skipSpace();
    const match = /^<(\/?[a-zA-Z0-9.]+)\s*(\/?)>/.exec(this.xml.slice(this.position, this.position + 64));
    return match ? match[1] + match[2] : null;
  }

  textUntil(tag: string): string {
    const end = this.xml.indexOf(`</${tag}>`, this.position);
    if (end < 0) throw new Error(`unterminated <${tag}>`);
    const text = this.xml.slice(this.position, end);
    this.position = end;
    return unescapeXml(text);
  }

  readValue(): XmlRpcValue {
    this.expectOpen("value");
    const tag = this.peekTag();
    let value: XmlRpcValue;
    if (tag === null || tag === "/value") value = this.textUntil("value");
    else if (tag === "nil/") {
      this.position = this.xml.indexOf(">", this.position) + 1;
      value = null;
    } else if (tag === "struct") value = this.readStruct();
    else if (tag === "array") value = this.readArray();
    else {
      this.expectOpen(tag);
      const text = this.textUntil(tag);
      this.expectClose(tag);
      value =
        tag === "int" || tag === "i4" || tag === "double"
          ? Number(text)
          : tag === "boolean"
            ? text.trim() === "1"
            : text;
    }
    this.expectClose("value");
    return value;
  }

  private readStruct(): Record<string, XmlRpcValue> {
    this.expectOpen("struct");
    const struct: Record<string, XmlRpcValue> = {};
    while (this.peekTag() === "member") {
      this.expectOpen("member");
      this.expectOpen("name");
      const name = this.textUntil("name");
      this.expectClose("name");
      struct[name] = this.readValue();
      this.expectClose("member");
    }
    this.expectClose("struct");
    return struct;
  }

  private readArray(): XmlRpcValue[] {
    this.expectOpen("array");
    this.expectOpen("data");
    const items: XmlRpcValue[] = [];
    while (this.peekTag() === "value") items.push(this.readValue());
    this.expectClose("data");
    this.expectClose("array");
    return items;
  }
}

export class XmlRpcFault extends Error {
  constructor(
    readonly faultCode: XmlRpcValue,
    readonly faultString: string,
  ) {
    super(faultString);
  }
}

/** The answer's value; a <fault> becomes XmlRpcFault; anything unreadable throws a plain Error. */
export function decodeMethodResponse(xml: string): XmlRpcValue {
  const start = xml.indexOf("<methodResponse>");
  if (start < 0) throw new Error("not an XML-RPC answer");
  const reader = new Reader(xml.slice(start));
  reader.expectOpen("methodResponse");
  if (reader.peekTag() === "fault") {
    reader.expectOpen("fault");
    const fault = reader.readValue() as Record<string, XmlRpcValue>;
    throw new XmlRpcFault(fault?.faultCode ?? null, String(fault?.faultString ?? "unknown fault"));
  }
  reader.expectOpen("params");
  reader.expectOpen("param");
  return reader.readValue();
}
