import { describe, expect, it } from "vitest";
import { decodeMethodResponse, encodeMethodCall, XmlRpcFault } from "./xml-rpc";

describe("xml-rpc", () => {
  it("encodes strings (escaped) and an empty struct", () => {
    expect(encodeMethodCall("authenticate", ["db", "a<b&c", {}])).toBe(
      '<?xml version="1.0"?><methodCall><methodName>authenticate</methodName><params>' +
        "<param><value><string>db</string></value></param><param><value><string>a&lt;b&amp;c</string></value></param>" +
        "<param><value><struct></struct></value></param></params></methodCall>",
    );
  });

  it("decodes ints, booleans, bare strings, structs and arrays", () => {
    const wrap = (value: string) =>
      `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n${value}\n</param>\n</params>\n</methodResponse>\n`;
    expect(decodeMethodResponse(wrap("<value><int>7</int></value>"))).toBe(7);
    expect(decodeMethodResponse(wrap("<value><boolean>0</boolean></value>"))).toBe(false);
    expect(decodeMethodResponse(wrap("<value>plain &amp; simple</value>"))).toBe("plain & simple");
    expect(
      decodeMethodResponse(
        wrap(
          "<value><struct>\n<member>\n<name>server_version</name>\n<value><string>17.0</string></value>\n</member>\n" +
            "<member><name>server_version_info</name><value><array><data><value><int>17</int></value><value><string>final</string></value></data></array></value></member>\n" +
            "</struct></value>",
        ),
      ),
    ).toEqual({ server_version: "17.0", server_version_info: [17, "final"] });
  });

  it("turns a fault into XmlRpcFault and garbage into an error", () => {
    const fault =
      "<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>3</int></value></member>" +
      "<member><name>faultString</name><value><string>Access Denied</string></value></member></struct></value></fault></methodResponse>";
    expect(() => decodeMethodResponse(fault)).toThrow(XmlRpcFault);
    expect(() => decodeMethodResponse("<html>nope</html>")).toThrow();
    expect(() => decodeMethodResponse("<methodResponse><params><param><value><int>1</int>")).toThrow();
  });
});
