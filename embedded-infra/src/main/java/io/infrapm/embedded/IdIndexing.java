package io.infrapm.embedded;

import java.lang.reflect.Field;
import java.util.ArrayList;
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
 * then matched against them, which returns exactly what the scan returned. The same holds
 * for a top-level {@code $and} one of whose clauses names the id that way: the form of an
 * update guarded by more than its version (a notification's outcome, written only by the
 * sender holding its claim), which used to scan every notification ever sent.
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
		if (!query.containsKey("_id")) {
			return (query.get("$and") instanceof List<?> clauses) ? idPartOfAll(clauses) : null;
		}
		if (query.size() < 2) {
			return null;
		}
		Object id = query.get("_id");
		return isValueOrList(id) ? new Document("_id", id) : null;
	}

	/**
	 * The id part of a conjunction: what every matching document must match is what any
	 * one of its clauses asks of {@code _id}.
	 */
	private static Document idPartOfAll(List<?> clauses) {
		for (Object clause : clauses) {
			if (clause instanceof Document document && document.containsKey("_id")
					&& isValueOrList(document.get("_id"))) {
				return new Document("_id", document.get("_id"));
			}
		}
		return null;
	}

	/** Whether a condition on {@code _id} is a plain value or an {@code $in} list. */
	private static boolean isValueOrList(Object id) {
		return !(id instanceof Document condition) || (condition.size() == 1 && condition.get("$in") instanceof List);
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

	/**
	 * The documents of a query's first batch as copies of the stored ones.
	 * <p>
	 * {@code mongo-java-server} updates a document by changing, in place, the very object
	 * a query returned, and the collections return the objects they store. In the on-disk
	 * store those objects sit in the store's pages, and any thread's commit serialises
	 * every changed page, without the collection's lock: an update of one collection
	 * while another collection's write committed made the commit fail with a
	 * {@code ConcurrentModificationException} (which closes the store), or could write a
	 * document half updated. With copies, a stored object is never changed after it was
	 * stored: an update changes its copy and stores that as a new value. The documents a
	 * cursor keeps for later batches are only ever encoded, never updated.
	 */
	static QueryResult copies(QueryResult result) {
		List<Document> documents = new ArrayList<>();
		for (Document document : result) {
			documents.add(document.cloneDeeply());
		}
		return new QueryResult(documents, result.getCursorId());
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
			return copies((byId != null) ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, projection)
					: super.queryDocuments(query, orderBy, skip, limit, batchSize, projection));
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
			// Not copied: this backend commits nothing, and its updates rely on changing
			// the stored object in place.
			Iterable<Integer> byId = positions(query, getIndexes());
			return (byId != null) ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, projection)
					: super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
		}

	}

}
