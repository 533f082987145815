package io.infrapm.embedded;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The on-disk store keeps documents as BSON: every type the platform writes reads back as
 * it was written, across a restart, and a store file written with H2's Java serialization
 * stays readable and writable.
 */
class BsonDocumentTypeTests {

	@TempDir
	Path dataDirectory;

	@Test
	void keepsEveryTypeOfAValueAcrossARestart() {
		Document written = new Document("_id", UUID.fromString("6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31"))
			.append("code", "DC-2027-01")
			.append("version", 3)
			.append("revision", 12_000_000_000L)
			.append("ratio", 0.93)
			.append("active", true)
			.append("missing", null)
			.append("budget", new Decimal128(new BigDecimal("1250000.00")))
			.append("createdAt", Date.from(Instant.parse("2026-12-02T09:26:53.589Z")))
			.append("objectId", new ObjectId("6750a1b2c3d4e5f601234567"))
			.append("bytes", new Binary(new byte[] { 1, 2, 3 }))
			.append("stakeholders",
					List.of(new Document("name", "Ada Lovelace").append("role", "ENGINEER"),
							new Document("name", "Grace Hopper").append("tags", List.of("a", "b"))))
			.append("outbox", List.of(new Document("eventId", UUID.randomUUID()).append("sequence", 1L)));
		int port = Ports.free();
		try (LocalMongo mongo = LocalMongo.persistent(this.dataDirectory, port);
				MongoClient client = client(mongo.connectionString("infrapm-tests"))) {
			projects(client).insertOne(written);
		}

		try (LocalMongo mongo = LocalMongo.persistent(this.dataDirectory, port);
				MongoClient client = client(mongo.connectionString("infrapm-tests"))) {
			assertThat(projects(client).find(Filters.eq("_id", written.get("_id"))).first()).isEqualTo(written);
		}
	}

	@Test
	void writesTheDocumentsOfTheStoreFileAsTaggedBson() {
		try (LocalMongo mongo = LocalMongo.persistent(this.dataDirectory, 0);
				MongoClient client = client(mongo.connectionString("infrapm-tests"))) {
			projects(client).insertOne(new Document("_id", "P-1").append("code", "DC-1"));
		}
		MVStore store = new MVStore.Builder()
			.fileName(this.dataDirectory.resolve(LocalMongo.STORE_FILE_NAME).toString())
			.readOnly()
			.open();
		try {
			String data = store.getMapNames()
				.stream()
				.filter((name) -> name.startsWith("databases.") && name.endsWith(".projects"))
				.findFirst()
				.orElseThrow();
			List<Byte> tags = new ArrayList<>();
			MVMap<Object, Object> projects = store.openMap(data,
					new MVMap.Builder<>().valueType(new BsonDocumentType() {

						@Override
						public Object read(ByteBuffer buffer) {
							tags.add(buffer.get(buffer.position()));
							return super.read(buffer);
						}

					}));
			de.bwaldvogel.mongo.bson.Document stored = (de.bwaldvogel.mongo.bson.Document) projects.get("P-1");

			assertThat(stored.get("code")).isEqualTo("DC-1");
			assertThat(tags).containsOnly(BsonDocumentType.BSON_DOCUMENT);
		}
		finally {
			store.close();
		}
	}

	@Test
	void readsAndUpdatesAStoreFileWrittenWithJavaSerialization() {
		Path storeFile = this.dataDirectory.resolve(LocalMongo.STORE_FILE_NAME);
		Document legacy = new Document("_id", "P-1").append("code", "DC-1")
			.append("stakeholders", List.of(new Document("name", "Ada")));
		MVStore store = new MVStore.Builder().fileName(storeFile.toString()).open();
		MongoServer plain = new MongoServer(new H2Backend(store));
		int port = plain.bind().getPort();
		try (MongoClient client = client("mongodb://127.0.0.1:" + port + "/infrapm-tests")) {
			projects(client).insertOne(legacy);
			projects(client).insertOne(new Document("_id", "P-2").append("code", "DC-2"));
		}
		plain.shutdownNow();

		try (LocalMongo mongo = LocalMongo.persistent(this.dataDirectory, 0);
				MongoClient client = client(mongo.connectionString("infrapm-tests"))) {
			MongoCollection<Document> projects = projects(client);
			assertThat(projects.find(Filters.eq("_id", "P-1")).first()).isEqualTo(legacy);
			projects.updateOne(Filters.eq("_id", "P-2"), Updates.set("name", "renamed"));
			projects.insertOne(new Document("_id", "P-3").append("code", "DC-3"));
			assertThat(projects.find(Filters.eq("_id", "P-2")).first()).containsEntry("name", "renamed");
			assertThat(projects.countDocuments()).isEqualTo(3);
			assertThat(projects.find(Filters.eq("code", "DC-1")).first()).isEqualTo(legacy);
		}
	}

	private static MongoCollection<Document> projects(MongoClient client) {
		return client.getDatabase("infrapm-tests").getCollection("projects");
	}

	private static MongoClient client(String uri) {
		return MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(uri))
			.uuidRepresentation(UuidRepresentation.STANDARD)
			.build());
	}

}
