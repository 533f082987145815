package io.infrapm.embedded;

import java.nio.file.Path;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalMongo} answers the MongoDB driver, in memory and on disk.
 */
class LocalMongoTests {

	@TempDir
	Path dataDirectory;

	@Test
	void storesAndFindsDocumentsInMemory() {
		try (LocalMongo mongo = LocalMongo.inMemory();
				MongoClient client = MongoClients.create(mongo.connectionString("infrapm-tests"))) {
			assertThat(mongo.connectionString("infrapm-project"))
				.isEqualTo("mongodb://127.0.0.1:" + mongo.port() + "/infrapm-project");
			MongoCollection<Document> risks = client.getDatabase("infrapm-tests").getCollection("risks");
			risks.insertOne(new Document("_id", "R-1").append("title", "Vendor delivers racks late"));

			assertThat(risks.find(Filters.eq("_id", "R-1")).first()).containsEntry("title",
					"Vendor delivers racks late");
			assertThat(mongo.isPersistent()).isFalse();
		}
	}

	@Test
	void keepsDocumentsOnDiskAcrossARestartOnTheSamePort() {
		int port = Ports.free();
		try (LocalMongo mongo = LocalMongo.persistent(this.dataDirectory, port);
				MongoClient client = MongoClients.create(mongo.connectionString("infrapm-budget"))) {
			client.getDatabase("infrapm-budget")
				.getCollection("budgets")
				.insertMany(List.of(new Document("_id", "B-1").append("bac", 1250000),
						new Document("_id", "B-2").append("bac", 420000)));
		}
		assertThat(this.dataDirectory.resolve(LocalMongo.STORE_FILE_NAME)).isNotEmptyFile();
		assertThat(Ports.isFree(port)).as("port released on close").isTrue();

		try (LocalMongo mongo = LocalMongo.persistent(this.dataDirectory, port);
				MongoClient client = MongoClients.create(mongo.connectionString("infrapm-budget"))) {
			MongoCollection<Document> budgets = client.getDatabase("infrapm-budget").getCollection("budgets");
			assertThat(budgets.countDocuments()).isEqualTo(2);
			assertThat(budgets.find(Filters.eq("_id", "B-1")).first()).containsEntry("bac", 1250000);
		}
	}

	@Test
	void refusesABusyPortWithAMessageNamingIt() throws Exception {
		try (var busy = new java.net.ServerSocket(0, 1, Ports.loopback())) {
			int port = busy.getLocalPort();
			org.assertj.core.api.Assertions.assertThatExceptionOfType(EmbeddedInfrastructureException.class)
				.isThrownBy(() -> LocalMongo.persistent(this.dataDirectory, port))
				.withMessageContaining("127.0.0.1:" + port);
			// The store was closed again: a second server can open it.
			try (LocalMongo mongo = LocalMongo.persistent(this.dataDirectory, Ports.free())) {
				assertThat(mongo.isPersistent()).isTrue();
			}
		}
	}

}
