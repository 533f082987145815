package io.infrapm.platform;

import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.infrapm.embedded.LocalMongo;
import org.bson.UuidRepresentation;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One in-memory MongoDB-wire server for the platform's tests that write documents, and a
 * fresh database on it for each test, so tests never see each other's documents. The
 * server lives as long as the test JVM.
 */
public final class TestMongo {

	private static final AtomicInteger databases = new AtomicInteger();

	private static MongoClient client;

	private TestMongo() {
	}

	/**
	 * A template on a database no test used before.
	 * @param prefix names the database after the test, to read in logs
	 * @return the template
	 */
	public static synchronized MongoTemplate freshDatabase(String prefix) {
		if (client == null) {
			LocalMongo server = LocalMongo.inMemory();
			client = MongoClients.create(MongoClientSettings.builder()
				.applyConnectionString(new ConnectionString(server.connectionString("platform-tests")))
				.uuidRepresentation(UuidRepresentation.STANDARD)
				.build());
		}
		return new MongoTemplate(client, prefix + "-" + databases.incrementAndGet());
	}

}
