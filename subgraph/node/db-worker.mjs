// PGlite in a worker thread, so Postgres work (commits, queries) runs beside the mappings on another
// core. Plain JavaScript so it loads without a TypeScript loader. Messages are handled in order.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create(workerData.dataDir ?? undefined);
let queue = Promise.resolve();

parentPort.on('message', (message) => {
  queue = queue.then(() => handle(message));
});
parentPort.postMessage({ ready: true });

async function handle({ id, op, sql, params, statements }) {
  try {
    let rows;
    if (op === 'query') rows = (await db.query(sql, params ?? [])).rows;
    else if (op === 'exec') await db.exec(sql);
    else if (op === 'transaction') {
      await db.transaction(async (tx) => {
        for (const statement of statements) {
          if (statement.copy !== undefined) await tx.query(statement.sql, [], { blob: new Blob([statement.copy]) });
          else if (statement.params) await tx.query(statement.sql, statement.params);
          else await tx.exec(statement.sql);
        }
      });
    } else if (op === 'close') await db.close();
    else throw new Error(`unknown database operation ${op}`);
    parentPort.postMessage({ id, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, detail: error.detail, position: error.position } });
  }
}
