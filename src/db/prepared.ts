import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import { isPostgres, type Executor } from './index.js';

/** Stands where a value goes when the statement is built; replaced by the value on each run. */
class Slot {
  constructor(readonly name: string) {}
}

type Slots<P> = { readonly [K in keyof P]: P[K] };

/**
 * A statement that Kysely builds and compiles once per dialect and then runs with new values.
 * Building and compiling a query (immutable nodes, frozen objects, a visitor over them) cost
 * more than SQLite took to run most of the statements of a chat turn; the turn's few statements
 * have a fixed shape, so they are built once. `build` gets stand-ins for the values: use them
 * only as values (never to decide the statement's shape), as in
 *
 *   const byId = prepare((db, p: { id: string }) => db.selectFrom('x').selectAll().where('id', '=', p.id));
 *   const rows = await byId.run(tx, { id });
 */
export function prepare<P extends object, R>(
  build: (db: Executor, params: Slots<P>) => Compilable<R>,
) {
  const compiled: { sqlite?: CompiledQuery<R>; postgres?: CompiledQuery<R> } = {};

  const compile = (db: Executor): CompiledQuery<R> => {
    const slots = new Proxy({} as Slots<P>, { get: (_target, name) => new Slot(String(name)) });
    return build(db, slots).compile();
  };

  return {
    async run(db: Executor, params: P): Promise<QueryResult<R>> {
      const dialect = isPostgres(db) ? 'postgres' : 'sqlite';
      const query = (compiled[dialect] ??= compile(db));
      const parameters = query.parameters.map((p) => {
        if (!(p instanceof Slot)) return p;
        const value = (params as Record<string, unknown>)[p.name];
        if (value === undefined) throw new TypeError(`prepared statement: no value for ${p.name}`);
        return value;
      });
      return db.executeQuery<R>({ ...query, parameters });
    },
  };
}
