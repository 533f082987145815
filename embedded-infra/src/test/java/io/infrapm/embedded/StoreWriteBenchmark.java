package io.infrapm.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The probe behind the store figures in {@code docs/benchmarks.md}: how many single
 * acknowledged inserts per second one client thread gets from the persistent
 * {@link LocalMongo} (and, for comparison, from the in-memory one), with the median and
 * 99th percentile latency, plus the latency of a {@code $inc} update and of a read by
 * {@code _id}.
 * <p>
 * It then measures how the store file grows, with and without the store's housekeeping:
 * {@code $inc} and {@code $set} updates spread over 500 documents, then as many inserts,
 * with the file size after the updates, after the inserts, after some seconds idle and
 * after closing, plus the write latencies seen meanwhile.
 * <p>
 * Not a test, and not part of {@code ./mvnw verify}: compile the tests and run the
 * {@code main} method with the module's test class path (see {@code docs/benchmarks.md}).
 * The first argument changes the number of measured inserts (default 5000, after 1000 not
 * counted for warm-up), the second the number of updates and of inserts of the growth
 * runs (default 20000 each). The figures are written to
 * {@code target/benchmarks/store-writes.json} below the working directory and printed.
 */
public final class StoreWriteBenchmark {

	private static final int WARM_UP = 1000;

	private static final int REWRITTEN_DOCUMENTS = 500;

	/** Long enough for several housekeeping runs after the last write. */
	private static final Duration IDLE = Duration.ofSeconds(8);

	private StoreWriteBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int inserts = (args.length > 0) ? Integer.parseInt(args[0]) : 5000;
		int growthWrites = (args.length > 1) ? Integer.parseInt(args[1]) : 20000;
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("inserts", inserts);
		figures.put("cores", Runtime.getRuntime().availableProcessors());
		figures.put("java", System.getProperty("java.version"));
		Path dataDirectory = Files.createTempDirectory("store-writes");
		try {
			try (LocalMongo mongo = LocalMongo.persistent(dataDirectory, Ports.free())) {
				figures.put("onDisk", measure(mongo, inserts));
			}
			figures.put("storeFileBytes", Files.size(dataDirectory.resolve(LocalMongo.STORE_FILE_NAME)));
		}
		finally {
			delete(dataDirectory);
		}
		try (LocalMongo mongo = LocalMongo.inMemory()) {
			figures.put("inMemory", measure(mongo, inserts));
		}
		figures.put("growthWrites", growthWrites);
		figures.put("growthWithoutHousekeeping", measureGrowth(null, growthWrites));
		figures.put("growthWithHousekeeping", measureGrowth(LocalMongo.HOUSEKEEPING_INTERVAL, growthWrites));
		Path file = Path.of("target", "benchmarks", "store-writes.json");
		Files.createDirectories(file.getParent());
		Files.writeString(file, json(figures) + System.lineSeparator());
		System.out.println("Store write benchmark: " + json(figures));
	}

	private static Map<String, Object> measure(LocalMongo mongo, int inserts) {
		try (MongoClient client = MongoClients.create(mongo.connectionString("infrapm-benchmark"))) {
			MongoCollection<Document> projects = client.getDatabase("infrapm-benchmark").getCollection("projects");
			for (int i = 0; i < WARM_UP; i++) {
				projects.insertOne(project("W-" + i));
			}
			long[] insertNanos = new long[inserts];
			long started = System.nanoTime();
			for (int i = 0; i < inserts; i++) {
				long before = System.nanoTime();
				projects.insertOne(project("P-" + i));
				insertNanos[i] = System.nanoTime() - before;
			}
			long elapsed = System.nanoTime() - started;
			int updates = Math.min(inserts, 2000);
			long[] updateNanos = new long[updates];
			for (int i = 0; i < updates; i++) {
				long before = System.nanoTime();
				projects.updateOne(Filters.eq("_id", "P-" + i), Updates.inc("revision", 1));
				updateNanos[i] = System.nanoTime() - before;
			}
			long[] readNanos = new long[updates];
			for (int i = 0; i < updates; i++) {
				long before = System.nanoTime();
				projects.find(Filters.eq("_id", "P-" + i)).first();
				readNanos[i] = System.nanoTime() - before;
			}
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("insertsPerSecond", Math.round(inserts / (elapsed / 1e9)));
			figures.put("insertP50Ms", millis(percentile(insertNanos, 50)));
			figures.put("insertP99Ms", millis(percentile(insertNanos, 99)));
			figures.put("incP50Ms", millis(percentile(updateNanos, 50)));
			figures.put("readByIdP50Ms", millis(percentile(readNanos, 50)));
			return figures;
		}
	}

	private static Map<String, Object> measureGrowth(Duration housekeepingInterval, int writes) throws Exception {
		Map<String, Object> figures = new LinkedHashMap<>();
		Path dataDirectory = Files.createTempDirectory("store-growth");
		Path storeFile = dataDirectory.resolve(LocalMongo.STORE_FILE_NAME);
		try {
			try (LocalMongo mongo = LocalMongo.persistent(dataDirectory, Ports.free(), housekeepingInterval);
					MongoClient client = MongoClients.create(mongo.connectionString("infrapm-benchmark"))) {
				MongoCollection<Document> projects = client.getDatabase("infrapm-benchmark").getCollection("projects");
				for (int i = 0; i < REWRITTEN_DOCUMENTS; i++) {
					projects.insertOne(project("R-" + i));
				}
				long[] updateNanos = new long[writes];
				long started = System.nanoTime();
				for (int i = 0; i < writes; i++) {
					Bson filter = Filters.eq("_id", "R-" + (i % REWRITTEN_DOCUMENTS));
					Bson update = (i % 2 == 0) ? Updates.inc("revision", 1) : Updates.set("status", "ACTIVE-" + i);
					long before = System.nanoTime();
					projects.updateOne(filter, update);
					updateNanos[i] = System.nanoTime() - before;
				}
				figures.put("updatesPerSecond", Math.round(writes / ((System.nanoTime() - started) / 1e9)));
				figures.put("updateP50Ms", millis(percentile(updateNanos, 50)));
				figures.put("updateP99Ms", millis(percentile(updateNanos, 99)));
				figures.put("fileBytesAfterUpdates", Files.size(storeFile));
				long[] insertNanos = new long[writes];
				started = System.nanoTime();
				for (int i = 0; i < writes; i++) {
					Document project = project("N-" + i);
					long before = System.nanoTime();
					projects.insertOne(project);
					insertNanos[i] = System.nanoTime() - before;
				}
				figures.put("insertsPerSecond", Math.round(writes / ((System.nanoTime() - started) / 1e9)));
				figures.put("insertP50Ms", millis(percentile(insertNanos, 50)));
				figures.put("insertP99Ms", millis(percentile(insertNanos, 99)));
				figures.put("fileBytesAfterInserts", Files.size(storeFile));
				Thread.sleep(IDLE.toMillis());
				figures.put("fileBytesAfterIdle", Files.size(storeFile));
			}
			figures.put("fileBytesAfterClose", Files.size(storeFile));
		}
		finally {
			delete(dataDirectory);
		}
		return figures;
	}

	private static Document project(String id) {
		return new Document("_id", id).append("name", "Data centre migration " + id)
			.append("status", "PLANNED")
			.append("budgetAtCompletion", 1250000)
			.append("revision", 0);
	}

	private static long percentile(long[] nanos, int percentile) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
	}

	private static double millis(long nanos) {
		return Math.round(nanos / 10_000.0) / 100.0;
	}

	private static String json(Object value) {
		if (value instanceof Map<?, ?> map) {
			return map.entrySet()
				.stream()
				.map((entry) -> "\"" + entry.getKey() + "\":" + json(entry.getValue()))
				.collect(Collectors.joining(",", "{", "}"));
		}
		if (value instanceof Number number) {
			return String.format(Locale.ROOT, "%s", number);
		}
		return "\"" + value + "\"";
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
