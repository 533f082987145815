package io.infrapm.embedded;

import java.lang.reflect.Field;
import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Lets the embedded MongoDB-wire server find a document by its {@code _id} when a query
 * names the id and more, as MongoDB does.
 * <p>
 * {@code mongo-java-server} uses an index only for a query on exactly the index's keys:
 * {@code {_id: x}} is a lookup, but {@code {_id: x, version: 3}}, the guard of every
 * optimistic update, of every idempotent consumer write and of the outbox relay's
 * removal, was a scan of the whole collection, so the platform slowed down with every
 * document stored (a collection of 20,000 projects made each such write scan 20,000
 * documents). Here a query whose {@code _id} is a plain value or an {@code $in} list is
 * narrowed to those documents through the {@code _id} index first, and the whole query is
 * then matched against them, which returns exactly what the scan returned.
 */
final class IdIndexing {

	private IdIndexing() {
	}

	/**
	 * The part of a query that the {@code _id} index can answer, if the query has more
	 * than that.
	 * @param query a query
	 * @return {@code {_id: value}} or {@code {_id: {$in: [...]}}}, or {@code null} if the
	 * query cannot be narrowed by id (or needs no narrowing)
	 */
	static Document idPart(Document query) {
		if (query.size() < 2 || !query.containsKey("_id")) {
			return null;
		}
		Object id = query.get("_id");
		if (id instanceof Document condition && !(condition.size() == 1 && condition.get("$in") instanceof List)) {
			return null;
		}
		return new Document("_id", id);
	}

	/**
	 * The positions of the documents a query can only match, through the {@code _id}
	 * index.
	 * @param query the query
	 * @param indexes the collection's indexes
	 * @return the positions, or {@code null} to scan as before
	 */
	static <P> Iterable<P> positions(Document query, List<Index<P>> indexes) {
		Document byId = idPart(query);
		if (byId == null) {
			return null;
		}
		for (Index<P> index : indexes) {
			if (index.canHandle(byId)) {
				return index.getPositions(byId);
			}
		}
		return null;
	}

	/** The on-disk backend's database, whose collections look documents up by id. */
	static class H2 extends H2Database {

		H2(String name, MVStore store, CursorRegistry cursors) {
			super(name, store, cursors);
		}

		@Override
		@SuppressWarnings("unchecked")
		protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
			// Opened first with documents stored as BSON: H2Database then gets this very
			// map when it opens its data map by the same name (H2Database's naming). The
			// store is H2Database's own: this runs from its constructor too, for the
			// collections already in the file, before any field of this class is set.
			MVStore store = (MVStore) field(H2Database.class, this, "mvStore");
			store.openMap("databases." + getFullCollectionNamespace(name),
					new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
			// The collection H2 opens, on exactly its maps; only its query planning
			// differs.
			H2Collection plain = (H2Collection) super.openOrCreateCollection(name, options);
			return new H2ById(this, name, options,
					(MVMap<Object, Document>) field(H2Collection.class, plain, "dataMap"),
					(MVMap<String, Object>) field(H2Collection.class, plain, "metaMap"), this.cursorRegistry);
		}

		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collection, String name, List<IndexKey> keys,
				boolean sparse) {
			// As above: the index's map opened first, ordered as before but cheaply.
			MVStore store = (MVStore) field(H2Database.class, this, "mvStore");
			store.openMap(getFullCollectionNamespace(collection) + "._index_" + name,
					new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
			return super.openOrCreateUniqueIndex(collection, name, keys, sparse);
		}

		private static Object field(Class<?> type, Object owner, String name) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field.get(owner);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("mongo-java-server's " + type.getSimpleName() + " has no field " + name
						+ " any more; IdIndexing needs to follow its new version", ex);
			}
		}

	}

	private static final class H2ById extends H2Collection {

		H2ById(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
				MVMap<String, Object> meta, CursorRegistry cursors) {
			super(database, name, options, data, meta, cursors);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
				Document projection) {
			Iterable<Object> byId = positions(query, getIndexes());
			return (byId != null) ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, projection)
					: super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
		}

	}

	/** The in-memory backend, whose collections look documents up by id. */
	static final class Memory extends MemoryBackend {

		@Override
		public MemoryDatabase openOrCreateDatabase(String name) {
			return new MemoryDatabase(name, getCursorRegistry()) {

				@Override
				protected MemoryCollection openOrCreateCollection(String collection, CollectionOptions options) {
					return new MemoryById(this, collection, options, this.cursorRegistry);
				}

			};
		}

	}

	private static final class MemoryById extends MemoryCollection {

		MemoryById(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
			super(database, name, options, cursors);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
				Document projection) {
			Iterable<Integer> byId = positions(query, getIndexes());
			return (byId != null) ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, projection)
					: super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
		}

	}

}
