// PGlite in a worker thread, so Postgres work (commits, queries) runs beside the mappings on another
// core. Plain JavaScript so it loads without a TypeScript loader. Messages are handled in order. A `sync`
// request is answered on the sync port and signalled through shared memory, for a caller blocked in
// Atomics.wait (see Database.querySync).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create(workerData.dataDir ?? undefined);
let queue = Promise.resolve();

parentPort.on('message', (message) => {
  queue = queue.then(() => handle(message));
});
parentPort.postMessage({ ready: true });

async function handle({ id, op, sql, params, statements, sync }) {
  const reply = (message) => {
    if (!sync) return parentPort.postMessage(message);
    workerData.syncPort.postMessage(message);
    Atomics.store(workerData.syncSignal, 0, 1);
    Atomics.notify(workerData.syncSignal, 0);
  };
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
    reply({ id, rows });
  } catch (error) {
    reply({ id, error: { message: error.message, detail: error.detail, position: error.position } });
  }
}
