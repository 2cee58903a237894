#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded offline. `prisma generate` only needs the
# path to exist; anything that really needs the engine must fail loudly instead of silently doing nothing.
echo "The native Prisma schema engine is not installed. Use 'npm run db:migrate' / 'npm run db:migration:create'." >&2
exit 1
