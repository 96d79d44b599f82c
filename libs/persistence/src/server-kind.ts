import { Collection, Document, MongoClient } from 'mongodb';

/**
 * What serves the MongoDB wire protocol, where that changes how to ask. FerretDB 1.x on SQLite
 * hands SQLite only a filter that is exactly `{ _id: <string> }`: any other (an `$in`, `_id` with
 * a second field) reads and decodes every document of the collection. And each update of an
 * update command keeps a SQLite connection until the command ends, from a pool of 100 per
 * database, while it needs another to write: about 100 updates in flight deadlock it for good.
 * MongoDB (and mongo-java-server) have neither problem.
 */
export type ServerKind = 'mongodb' | 'ferretdb';

const kinds = new WeakMap<MongoClient, Promise<ServerKind>>();

/** The server behind a client, asked once (buildInfo) and remembered. */
export function serverKind(client: MongoClient): Promise<ServerKind> {
  let known = kinds.get(client);
  if (!known) {
    known = client
      .db('admin')
      .command({ buildInfo: 1 })
      .then((info) => kindFromBuildInfo(info));
    // A failed probe is asked again next time rather than remembered.
    known.catch(() => kinds.delete(client));
    kinds.set(client, known);
  }
  return known;
}

/** FerretDB names itself in buildInfo; anything else is taken for MongoDB. */
export function kindFromBuildInfo(buildInfo: Document): ServerKind {
  return 'ferretdbVersion' in buildInfo ? 'ferretdb' : 'mongodb';
}

export function serverKindOf<T extends Document>(collection: Collection<T>): Promise<ServerKind> {
  return serverKind(clientOf(collection));
}

/**
 * The client behind a collection: the driver's Collection knows its Db; Mongoose's wrapper
 * (what `connection.collection()` returns) knows its connection instead.
 */
function clientOf<T extends Document>(collection: Collection<T>): MongoClient {
  const wrapped = collection as unknown as { conn?: { getClient(): MongoClient } };
  return wrapped.conn ? wrapped.conn.getClient() : collection.db.client;
}
