// Every declared endpoint of the API, and the lookup the response check uses. A route file without an entry here is
// listed by tests/integration/api-contract-coverage.test.ts.
import { accountOperations } from "./account-operations";
import { operationKey, routePatternOfPath, type TApiOperation } from "./define-operation";
import { integrationOperations } from "./integration-operations";
import { memberOperations } from "./member-operations";
import { messengerOperations } from "./messenger-operations";
import { oauthOperations } from "./oauth-operations";

export const apiOperations: readonly TApiOperation[] = [
  ...integrationOperations,
  ...oauthOperations,
  ...accountOperations,
  ...memberOperations,
  ...messengerOperations,
];

const byRoute = new Map(
  apiOperations.map((operation) => [operationKey(operation.method, routePatternOfPath(operation.path)), operation]),
);

/** The declared operation of a request, by method and route file pattern (`/organization-integration/[integration_id]`). */
export function findOperation(method: string, routePattern: string): TApiOperation | undefined {
  return byRoute.get(operationKey(method, routePattern));
}
