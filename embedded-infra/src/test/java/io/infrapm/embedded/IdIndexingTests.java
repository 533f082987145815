package io.infrapm.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query that names a document's {@code _id} and more goes through the id index, and
 * still returns exactly what matching every document would.
 */
class IdIndexingTests {

	@TempDir
	Path dataDirectory;

	@Test
	void narrowsAQueryOnTheIdAndMoreToTheIdOnly() {
		assertThat(IdIndexing.idPart(new de.bwaldvogel.mongo.bson.Document("_id", "P-1").append("version", 3)))
			.isEqualTo(new de.bwaldvogel.mongo.bson.Document("_id", "P-1"));
		de.bwaldvogel.mongo.bson.Document in = new de.bwaldvogel.mongo.bson.Document("$in", List.of("P-1", "P-2"));
		assertThat(IdIndexing.idPart(new de.bwaldvogel.mongo.bson.Document("_id", in).append("outbox.0",
				new de.bwaldvogel.mongo.bson.Document("$exists", true))))
			.isEqualTo(new de.bwaldvogel.mongo.bson.Document("_id", in));
	}

	@Test
	void narrowsAConjunctionByTheIdOneOfItsClausesNames() {
		// The shape of an update guarded by more than its version.
		de.bwaldvogel.mongo.bson.Document guarded = new de.bwaldvogel.mongo.bson.Document("$and",
				List.of(new de.bwaldvogel.mongo.bson.Document("_id", "N-1").append("version", 2),
						new de.bwaldvogel.mongo.bson.Document("claimToken", "t-1")));
		assertThat(IdIndexing.idPart(guarded)).isEqualTo(new de.bwaldvogel.mongo.bson.Document("_id", "N-1"));
		// No clause names the id as a value or a list: a scan, as before.
		assertThat(IdIndexing.idPart(new de.bwaldvogel.mongo.bson.Document("$and", List.of(
				new de.bwaldvogel.mongo.bson.Document("status", "SENDING"),
				new de.bwaldvogel.mongo.bson.Document("_id", new de.bwaldvogel.mongo.bson.Document("$gt", "N-1"))))))
			.isNull();
	}

	@Test
	void leavesQueriesAloneThatTheIdIndexAnswersByItselfOrCannotAnswer() {
		// Exactly the id: mongo-java-server uses the index already.
		assertThat(IdIndexing.idPart(new de.bwaldvogel.mongo.bson.Document("_id", "P-1"))).isNull();
		// No id, or a range of ids: a scan, as before.
		assertThat(IdIndexing.idPart(new de.bwaldvogel.mongo.bson.Document("code", "DC-1").append("version", 1)))
			.isNull();
		assertThat(IdIndexing
			.idPart(new de.bwaldvogel.mongo.bson.Document("_id", new de.bwaldvogel.mongo.bson.Document("$gt", "P-1"))
				.append("version", 1)))
			.isNull();
	}

	@Test
	void takesThePositionsFromTheIdIndex() {
		MemoryUniqueIndex index = new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false);
		index.add(new de.bwaldvogel.mongo.bson.Document("_id", "P-1"), 7, null);
		index.add(new de.bwaldvogel.mongo.bson.Document("_id", "P-2"), 9, null);
		List<Index<Integer>> indexes = List.of(index);

		Iterable<Integer> positions = IdIndexing
			.positions(new de.bwaldvogel.mongo.bson.Document("_id", "P-2").append("version", 3), indexes);

		List<Integer> found = new ArrayList<>();
		positions.forEach(found::add);
		assertThat(found).containsExactly(9);
		assertThat(IdIndexing.positions(new de.bwaldvogel.mongo.bson.Document("version", 3), indexes)).isNull();
	}

	@Test
	@SuppressWarnings("unchecked")
	void neverHandsOutTheObjectTheStoreHoldsSoNoUpdateChangesItWhileACommitWritesIt() {
		MVStore store = new MVStore.Builder().open();
		try {
			IdIndexing.H2 database = new IdIndexing.H2("infrapm-tests", store, new CursorRegistry());
			de.bwaldvogel.mongo.MongoCollection<Object> projects = (de.bwaldvogel.mongo.MongoCollection<Object>) database
				.createCollectionOrThrowIfExists("projects");
			projects.addDocument(new de.bwaldvogel.mongo.bson.Document("_id", "P-1").append("version", 1));
			MVMap<Object, de.bwaldvogel.mongo.bson.Document> stored = store.openMap("databases.infrapm-tests.projects");
			for (de.bwaldvogel.mongo.bson.Document query : List.of(new de.bwaldvogel.mongo.bson.Document("_id", "P-1"),
					new de.bwaldvogel.mongo.bson.Document("_id", "P-1").append("version", 1),
					new de.bwaldvogel.mongo.bson.Document("version", 1))) {
				de.bwaldvogel.mongo.bson.Document found = projects.handleQuery(query).iterator().next();
				assertThat(found).isEqualTo(stored.get("P-1")).isNotSameAs(stored.get("P-1"));
			}
		}
		finally {
			store.close();
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void answersGuardedReadsUpdatesAndDeletesAsAScanWould(boolean persistent) {
		try (LocalMongo mongo = persistent ? LocalMongo.persistent(this.dataDirectory, 0) : LocalMongo.inMemory();
				MongoClient client = MongoClients.create(mongo.connectionString("infrapm-tests"))) {
			MongoCollection<Document> projects = client.getDatabase("infrapm-tests").getCollection("projects");
			projects.insertMany(IntStream.range(0, 50)
				.mapToObj((i) -> new Document("_id", "P-" + i).append("version", i % 3)
					.append("outbox", (i % 2 == 0) ? List.of(new Document("eventId", "E-" + i)) : List.of()))
				.toList());

			assertThat(projects.find(Filters.and(Filters.eq("_id", "P-4"), Filters.eq("version", 1))).first())
				.isNotNull();
			assertThat(projects.find(Filters.and(Filters.eq("_id", "P-4"), Filters.eq("version", 2))).first()).isNull();
			assertThat(projects.find(Filters.and(Filters.eq("_id", "P-missing"), Filters.eq("version", 1))).first())
				.isNull();
			assertThat(projects
				.find(Filters.and(Filters.in("_id", "P-1", "P-2", "P-3", "P-4"), Filters.exists("outbox.0")))
				.map((document) -> document.getString("_id"))
				.into(new ArrayList<>())).containsExactlyInAnyOrder("P-2", "P-4");

			// An optimistic update: applied under the right version only.
			assertThat(projects
				.updateOne(Filters.and(Filters.eq("_id", "P-5"), Filters.eq("version", 0)), Updates.set("name", "x"))
				.getMatchedCount()).isZero();
			assertThat(projects
				.updateOne(Filters.and(Filters.eq("_id", "P-5"), Filters.eq("version", 2)),
						Updates.combine(Updates.set("name", "renamed"), Updates.inc("version", 1)))
				.getModifiedCount()).isOne();
			assertThat(projects.find(Filters.eq("_id", "P-5")).first()).containsEntry("name", "renamed")
				.containsEntry("version", 3);

			// An update guarded by its version and more, as one $and.
			assertThat(projects.updateOne(guardedAnd("P-7", 1), Updates.set("name", "x")).getMatchedCount()).isZero();
			assertThat(projects.updateOne(guardedAnd("P-8", 1), Updates.set("name", "x")).getMatchedCount()).isZero();
			assertThat(projects.updateOne(guardedAnd("P-8", 2), Updates.set("name", "guarded")).getModifiedCount())
				.isOne();
			assertThat(projects.find(Filters.eq("_id", "P-8")).first()).containsEntry("name", "guarded");

			// A conditional upsert on a document that exists but does not match tries to
			// insert the same id, as on MongoDB: the outbox lease's "no".
			assertThat(projects.countDocuments(Filters.and(Filters.eq("_id", "P-6"), Filters.eq("version", 0))))
				.isOne();
			assertThat(projects.deleteOne(Filters.and(Filters.eq("_id", "P-6"), Filters.eq("version", 1)))
				.getDeletedCount()).isZero();
			assertThat(projects.deleteOne(Filters.and(Filters.eq("_id", "P-6"), Filters.eq("version", 0)))
				.getDeletedCount()).isOne();
			assertThat(projects.countDocuments()).isEqualTo(49);
		}
	}

	/**
	 * {@code {$and: [{_id, version}, {outbox.0 exists}]}}, as Spring Data writes a guard.
	 */
	private static Document guardedAnd(String id, int version) {
		return new Document("$and", List.of(new Document("_id", id).append("version", version),
				new Document("outbox.0", new Document("$exists", true))));
	}

}
