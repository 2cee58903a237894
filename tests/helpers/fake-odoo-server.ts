// Odoo's XML-RPC /xmlrpc/2/common: version() and authenticate(db, login, key, {}) → uid or false, as Odoo 17 answers.
import { startFakeHttpServer, type FakeHttpServer } from "./fake-http-server";

type Account = { database: string; login: string; key: string; uid: number };

export type FakeOdooServer = FakeHttpServer & { addAccount: (account: Account) => void };

const answer = (value: string) =>
  `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n${value}\n</param>\n</params>\n</methodResponse>\n`;
const fault = (code: number, message: string) =>
  `<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>${code}</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>${message}</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n`;

const strings = (xml: string) => [...xml.matchAll(/<string>([^<]*)<\/string>/g)].map((match) => match[1]);

export async function startFakeOdooServer(): Promise<FakeOdooServer> {
  const accounts: Account[] = [];
  const server = await startFakeHttpServer((request, response) => {
    const reply = (status: number, body: string) =>
      response.writeHead(status, { "content-type": "text/xml; charset=utf-8" }).end(body);
    if (request.method !== "POST" || request.path !== "/xmlrpc/2/common") return reply(404, "<html>Not Found</html>");
    const method = /<methodName>([^<]+)<\/methodName>/.exec(request.body)?.[1];
    if (method === "version") {
      return reply(
        200,
        answer(
          "<value><struct>\n<member>\n<name>server_version</name>\n<value><string>17.0</string></value>\n</member>\n" +
            "<member>\n<name>server_version_info</name>\n<value><array><data>\n<value><int>17</int></value>\n<value><int>0</int></value>\n<value><string>final</string></value>\n</data></array></value>\n</member>\n" +
            "<member>\n<name>protocol_version</name>\n<value><int>1</int></value>\n</member>\n</struct></value>",
        ),
      );
    }
    if (method === "authenticate") {
      const [database, login, key] = strings(request.body);
      if (!accounts.some((account) => account.database === database))
        return reply(200, fault(1, `database "${database}" does not exist`));
      const account = accounts.find((a) => a.database === database && a.login === login && a.key === key);
      return reply(
        200,
        answer(account ? `<value><int>${account.uid}</int></value>` : "<value><boolean>0</boolean></value>"),
      );
    }
    return reply(200, fault(1, `The method "${method}" does not exist`));
  });
  return { ...server, addAccount: (account) => accounts.push(account) };
}
