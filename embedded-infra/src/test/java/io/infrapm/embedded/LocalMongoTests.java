package io.infrapm.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalMongo} answers the MongoDB driver, in memory and on disk.
 */
class LocalMongoTests {

	/** A bound for a store whose live data is a few kilobytes. */
	private static final long MAX_STORE_BYTES = 4 * 1024 * 1024;

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
	void keepsEveryAcknowledgedWriteWhenItsProcessIsKilled() throws Exception {
		int port = Ports.free();
		Process server = startInItsOwnProcess(port);
		try (MongoClient client = client(port)) {
			MongoCollection<Document> projects = client.getDatabase("infrapm-project").getCollection("projects");
			for (int i = 0; i < 500; i++) {
				projects
					.insertOne(new Document("_id", "P-" + i).append("name", "Rack refresh " + i).append("revision", 0));
			}
			for (int i = 0; i < 100; i++) {
				projects.updateOne(Filters.eq("_id", "P-" + i), Updates.set("status", "ACTIVE"));
			}
			for (int i = 0; i < 100; i++) {
				projects.updateOne(Filters.eq("_id", "P-499"), Updates.inc("revision", 1));
			}
			// SIGKILL right after the last acknowledgement: no shutdown hook, no close.
			server.destroyForcibly();
			assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("server process killed").isTrue();
		}
		finally {
			server.destroyForcibly();
		}

		Process restarted = startInItsOwnProcess(port);
		try (MongoClient client = client(port)) {
			MongoCollection<Document> projects = client.getDatabase("infrapm-project").getCollection("projects");
			assertThat(projects.countDocuments()).isEqualTo(500);
			assertThat(projects.countDocuments(Filters.eq("status", "ACTIVE"))).isEqualTo(100);
			assertThat(projects.find(Filters.eq("_id", "P-499")).first()).containsEntry("revision", 100);
		}
		finally {
			restarted.getOutputStream().close();
			if (!restarted.waitFor(10, TimeUnit.SECONDS)) {
				restarted.destroyForcibly();
			}
		}
	}

	@Test
	void keepsTheStoreFileSmallWhenItsDocumentsAreRewrittenManyTimes() throws Exception {
		Path storeFile = this.dataDirectory.resolve(LocalMongo.STORE_FILE_NAME);
		try (LocalMongo mongo = LocalMongo.persistent(this.dataDirectory, Ports.free());
				MongoClient client = MongoClients.create(mongo.connectionString("infrapm-project"))) {
			MongoCollection<Document> projects = client.getDatabase("infrapm-project").getCollection("projects");
			for (int i = 0; i < 50; i++) {
				projects
					.insertOne(new Document("_id", "P-" + i).append("name", "Rack refresh " + i).append("revision", 0));
			}
			for (int i = 0; i < 5000; i++) {
				projects.updateOne(Filters.eq("_id", "P-" + (i % 50)), Updates.inc("revision", 1));
			}
			// Without housekeeping each of these commits keeps a chunk of its own, about
			// 50 MB in all; the live data is a few kilobytes.
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (Files.size(storeFile) > MAX_STORE_BYTES && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			assertThat(Files.size(storeFile)).as("store file after housekeeping").isLessThan(MAX_STORE_BYTES);
			assertThat(projects.find(Filters.eq("_id", "P-49")).first()).containsEntry("revision", 100);
		}
		assertThat(Files.size(storeFile)).as("store file after close").isLessThan(MAX_STORE_BYTES);
		try (LocalMongo mongo = LocalMongo.persistent(this.dataDirectory, Ports.free());
				MongoClient client = MongoClients.create(mongo.connectionString("infrapm-project"))) {
			MongoCollection<Document> projects = client.getDatabase("infrapm-project").getCollection("projects");
			assertThat(projects.countDocuments(Filters.eq("revision", 100))).isEqualTo(50);
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

	private Process startInItsOwnProcess(int port) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), LocalMongoProcess.class.getName(), this.dataDirectory.toString(),
				Integer.toString(port))
			.redirectErrorStream(true)
			.start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = output.readLine()) != null) {
			if (line.equals(LocalMongoProcess.READY)) {
				// Keep reading what the server logs, so that it never blocks on a full
				// pipe.
				Thread drain = new Thread(() -> output.lines().forEach((ignored) -> {
				}), "local-mongo-output");
				drain.setDaemon(true);
				drain.start();
				return process;
			}
		}
		throw new IllegalStateException("MongoDB-wire server process ended before it listened: " + process.waitFor());
	}

	private static MongoClient client(int port) {
		return MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
			.build());
	}

}
