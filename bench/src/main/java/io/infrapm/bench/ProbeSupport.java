package io.infrapm.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.MongoClientSettings;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;

import io.infrapm.embedded.Platform;
import io.infrapm.embedded.PlatformSettings;

/**
 * What the probes over a preloaded store share: waiting for a condition, inserting in
 * batches, waiting for the store's housekeeping to settle, comparing document shapes,
 * timing one request over and over with every answer checked, and the table of targets.
 */
final class ProbeSupport {

	/**
	 * How long the store's file must stay the same size to count as settled: longer than
	 * the five housekeeping runs, a second apart, after the last write.
	 */
	static final Duration STORE_QUIET = Duration.ofSeconds(8);

	/** The longest wait for the store to settle. */
	static final Duration STORE_SETTLE_LIMIT = Duration.ofSeconds(180);

	/** The codecs the services' mapping writes with: UUIDs as standard binaries. */
	private static final CodecRegistry CODECS = CodecRegistries
		.withUuidRepresentation(MongoClientSettings.getDefaultCodecRegistry(), UuidRepresentation.STANDARD);

	private final List<Map<String, Object>> targets = new ArrayList<>();

	/**
	 * A generated document as the store would hold it, for comparing shapes.
	 * @param document the document
	 * @return it in BSON
	 */
	static BsonDocument bson(Document document) {
		return document.toBsonDocument(BsonDocument.class, CODECS);
	}

	/**
	 * Waits until a condition holds, looking every half second.
	 * @param condition the condition
	 * @param what what is waited for, for the failure
	 * @param limit the longest wait
	 * @throws InterruptedException if interrupted
	 * @throws IllegalStateException if it did not hold in time
	 */
	static void await(BooleanSupplier condition, String what, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Waited " + limit.toSeconds() + " s for " + what);
			}
			Thread.sleep(500);
		}
	}

	/**
	 * Inserts a batch, in order, and empties it.
	 * @param collection where
	 * @param batch the documents; emptied
	 * @param nanos where the time spent is added up
	 */
	static void insert(MongoCollection<Document> collection, List<Document> batch, long[] nanos) {
		if (batch.isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		collection.insertMany(batch, new InsertManyOptions().ordered(true));
		nanos[0] += System.nanoTime() - started;
		batch.clear();
	}

	/**
	 * The size of the store's files.
	 * @param target the platform
	 * @return bytes
	 * @throws IOException if the files cannot be read
	 */
	static long storeBytes(EmbeddedTarget target) throws IOException {
		try (Stream<Path> files = Files.walk(target.storeDirectory())) {
			return files.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum();
		}
	}

	/**
	 * Waits until the store has had no write and its file has not changed for
	 * {@link #STORE_QUIET}: its housekeeping, which goes on for a few runs after the last
	 * write, rewrites and moves chunks, and a long read meanwhile can find a chunk gone
	 * ({@code MVStoreException:
	 * Chunk ... not found}, seen after a preload). At most {@link #STORE_SETTLE_LIMIT}.
	 * @param target the platform
	 * @param log the prefix of the probe's lines
	 * @return the file's size then, in bytes
	 * @throws IOException if the files cannot be read
	 * @throws InterruptedException if interrupted
	 */
	static long awaitQuietStore(EmbeddedTarget target, String log) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + STORE_SETTLE_LIMIT.toNanos();
		long size = storeBytes(target);
		long writes = target.storeWriteCommands().orElse(0);
		long quietSince = System.nanoTime();
		while (System.nanoTime() - quietSince < STORE_QUIET.toNanos() && System.nanoTime() < deadline) {
			Thread.sleep(500);
			long now = storeBytes(target);
			long writesNow = target.storeWriteCommands().orElse(0);
			if (now != size || writesNow != writes) {
				size = now;
				writes = writesNow;
				quietSince = System.nanoTime();
			}
		}
		if (System.nanoTime() >= deadline) {
			System.out.println(
					log + " the store did not settle within " + STORE_SETTLE_LIMIT.toSeconds() + " s (writes go on)");
		}
		return size;
	}

	/**
	 * How the documents a service wrote and those a probe generated differ in shape.
	 * @param collection their collection, which each difference names
	 * @param written what the service wrote
	 * @param generated what the probe would preload
	 * @param maps the paths whose keys are data
	 * @param figures where the number of the written paths is put
	 * @return the differences, none if the shapes are the same
	 */
	static List<String> compare(String collection, List<BsonDocument> written, List<BsonDocument> generated,
			Set<String> maps, Map<String, Object> figures) {
		Set<String> writtenShape = DocumentShapes.of(written, maps);
		List<String> differences = DocumentShapes.differences(writtenShape, DocumentShapes.of(generated, maps))
			.stream()
			.map((difference) -> collection + ": " + difference)
			.toList();
		figures.put(collection + "Paths", writtenShape.size());
		return differences;
	}

	/**
	 * One request timed over and over, one at a time.
	 *
	 * @param warmedUp how many requests warmed up
	 * @param latency the measured ones
	 * @param answerBytes the size of the last answer
	 * @param wrongAnswers how many answers, warm-up included, were wrong
	 * @param problems what was wrong, first first
	 */
	record Timed(int warmedUp, Distribution latency, long answerBytes, int wrongAnswers, List<String> problems) {

		/**
		 * The figures as they go into the results file.
		 * @return warm-up, latency, answer size, wrong answers and the first problems
		 */
		Map<String, Object> figures() {
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("warmUp", this.warmedUp);
			figures.put("latency", this.latency.figures());
			figures.put("answerBytes", this.answerBytes);
			figures.put("wrongAnswers", this.wrongAnswers);
			figures.put("firstProblems", this.problems.stream().limit(5).toList());
			return figures;
		}

		/**
		 * The answers' cell of a table.
		 * @return {@code right}, or how many were wrong and the first problem
		 */
		String verdict() {
			return (this.wrongAnswers == 0) ? "right" : this.wrongAnswers + " WRONG: " + this.problems.get(0);
		}

	}

	/**
	 * Sends a GET first to warm up, then measured, from sending to the last byte of the
	 * answer, and checks every answer.
	 * @param http the client
	 * @param url what is asked
	 * @param token the caller's access token
	 * @param warmUp how many requests warm up
	 * @param measured how many are measured
	 * @param limit how long all of them may take; fewer are sent after it
	 * @param check whether an answer is right; adds what is wrong to the list if not
	 * @return the times and the verdicts
	 * @throws IOException if a request fails
	 * @throws InterruptedException if interrupted
	 */
	static Timed time(JsonHttp http, URI url, String token, int warmUp, int measured, Duration limit,
			BiPredicate<JsonHttp.Answer, List<String>> check) throws IOException, InterruptedException {
		List<String> wrong = new ArrayList<>();
		int wrongAnswers = 0;
		long deadline = System.nanoTime() + limit.toNanos();
		int warmed = 0;
		for (; warmed < warmUp && System.nanoTime() < deadline; warmed++) {
			wrongAnswers += check.test(http.get(url, token), wrong) ? 0 : 1;
		}
		List<Long> micros = new ArrayList<>();
		long bytes = 0;
		while (micros.size() < measured && System.nanoTime() < deadline) {
			JsonHttp.Answer answer = http.get(url, token);
			micros.add(answer.micros());
			bytes = answer.body().length();
			wrongAnswers += check.test(answer, wrong) ? 0 : 1;
		}
		return new Timed(warmed, Distribution.ofMicros(micros.stream().mapToLong(Long::longValue).toArray()), bytes,
				wrongAnswers, wrong);
	}

	/**
	 * Records a target: a figure that must stay below a limit.
	 * @param name what is measured
	 * @param goal the goal as it reads
	 * @param measured the figure
	 * @param limit the limit
	 * @return whether it was met
	 */
	boolean target(String name, String goal, double measured, double limit) {
		Map<String, Object> target = new LinkedHashMap<>();
		boolean met = measured < limit;
		target.put("target", name);
		target.put("goal", goal);
		target.put("measured", measured);
		target.put("met", met);
		if (!met) {
			target.put("missedBy", Rounding.two(measured / limit) + "×");
		}
		this.targets.add(target);
		return met;
	}

	/**
	 * Writes the targets as a table and puts them into the results.
	 * @param markdown the report
	 * @param results the results
	 */
	void targets(Markdown markdown, Map<String, Object> results) {
		markdown.heading("Targets");
		List<List<Object>> rows = new ArrayList<>();
		for (Map<String, Object> target : this.targets) {
			rows.add(List.of(target.get("target"), target.get("goal"), target.get("measured"),
					(boolean) target.get("met") ? "met" : "missed (" + target.getOrDefault("missedBy", "") + ")"));
		}
		markdown.table(List.of("target", "goal", "measured", ""), rows);
		results.put("targets", this.targets);
	}

	/**
	 * The verdict of a latency against its limit, for a table.
	 * @param measured the figure
	 * @param limit the limit
	 * @return {@code met}, or by how much it was missed
	 */
	static String verdict(double measured, double limit) {
		return (measured < limit) ? "met" : String.format(Locale.ROOT, "missed (%.2f×)", measured / limit);
	}

	/**
	 * Records a service's resident memory after a run, a moment after the last request.
	 * @param platform the platform
	 * @param service the service
	 * @param key its name in the results
	 * @param results the results
	 * @param markdown the report
	 * @throws InterruptedException if interrupted
	 */
	static void residentMemory(Platform platform, String service, String key, Map<String, Object> results,
			Markdown markdown) throws InterruptedException {
		Thread.sleep(2000);
		double resident = Rounding.one(ProcFs.residentKb(platform.processId(service)) / 1024.0);
		results.put(key, resident);
		markdown.paragraph("Resident memory of " + service + " after the run (VmRSS): " + resident
				+ " MB (its JVM options: " + String.join(" ", PlatformSettings.DEFAULT_JVM_OPTIONS) + ").");
	}

	/**
	 * Says in the report that nothing was measured because the documents differ.
	 * @param markdown the report
	 * @param service whose documents they are
	 */
	static void shapesDiffer(Markdown markdown, String service) {
		markdown.paragraph("THE RUN FAILS: the documents the probe would preload are not shaped as " + service
				+ " writes them; nothing was preloaded or measured.");
	}

	/**
	 * Writes the targets, the verdict and the duration, then the files.
	 * @param out the results directory
	 * @param prefix what the files' names start with
	 * @param right whether every shape and answer was right
	 * @param startedNanos when the probe started
	 * @param results the results
	 * @param markdown the report
	 * @return the exit status: 0, or 1 if something was wrong
	 * @throws IOException if the files cannot be written
	 */
	int finish(Path out, String prefix, boolean right, long startedNanos, Map<String, Object> results,
			Markdown markdown) throws IOException {
		targets(markdown, results);
		results.put("answersRight", right);
		results.put("durationSeconds", Rounding.one((System.nanoTime() - startedNanos) / 1e9));
		Bench.write(out, prefix, results, markdown);
		return right ? 0 : 1;
	}

}
