package io.infrapm.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * A service jar prepared for a fast start: extracted (classes in nested jars cannot be
 * shared, and reading them is slow in itself) and with a dynamic class data sharing (CDS)
 * archive of the classes its start-up loads, made by one training run that exits once the
 * application context is refreshed, before anything connects to Kafka or MongoDB. A
 * service that starts from it loads most of its classes already parsed and verified:
 * measured here, about half the start-up time.
 * <p>
 * An archive is only valid for the very jar and JVM it was made with (the JVM checks the
 * size and modification time of every jar on the class path, its own build and some
 * options, and otherwise starts without it). It is therefore kept under
 * {@code <module>/target/cds/<key>/}, where the key is a digest of the jar's content (its
 * entries' names, sizes and checksums), the jar's location, the Java installation and
 * version and the JVM options; a rebuilt jar or another JVM gets a new archive, and the
 * old ones are deleted. Before an archive is first used it is loaded once with
 * {@code -Xshare:on}, which fails if the JVM would refuse it; afterwards a fingerprint of
 * the extracted files guards against their being changed. Whatever fails on the way
 * (extraction, training, that check) leaves the service to start from its jar as before.
 */
final class ClassDataArchive {

	/** What the JVM prints (a warning, so always) when it refuses an archive. */
	static final String REFUSED_MARKER = "Unable to use shared archive";

	/**
	 * One preparation per directory at a time within this JVM; a file lock across JVMs.
	 */
	private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

	private final Path jar;

	private final Path java;

	private final List<String> jvmOptions;

	private final Path directory;

	private ClassDataArchive(Path jar, Path java, List<String> jvmOptions, Path directory) {
		this.jar = jar;
		this.java = java;
		this.jvmOptions = List.copyOf(jvmOptions);
		this.directory = directory;
	}

	/**
	 * The archive of a service jar for a JVM and options, or {@code null} if the jar is
	 * not a Spring Boot jar or the options turn sharing off ({@code -Xshare:off}) or name
	 * an archive themselves.
	 * @param jar the service's executable jar
	 * @param java the {@code java} executable the service runs with
	 * @param jvmOptions the service's JVM options
	 * @return the archive (perhaps not made yet), or {@code null}
	 */
	static ClassDataArchive of(Path jar, Path java, List<String> jvmOptions) {
		for (String option : jvmOptions) {
			if (option.equals("-Xshare:off") || option.startsWith("-XX:SharedArchiveFile")
					|| option.startsWith("-XX:ArchiveClassesAtExit")) {
				return null;
			}
		}
		String key;
		try {
			key = key(jar, java, jvmOptions);
		}
		catch (IOException ex) {
			return null;
		}
		if (key == null) {
			return null;
		}
		Path directory = jar.toAbsolutePath().getParent().resolve("cds").resolve(key);
		return new ClassDataArchive(jar, java, jvmOptions, directory);
	}

	/**
	 * The digest that names an archive, or {@code null} for a jar Spring Boot's tools
	 * cannot extract. Reading the jar's central directory is enough: it holds every
	 * entry's CRC-32 and size, and takes milliseconds, not the second a digest of 60 MB
	 * would.
	 */
	private static String key(Path jar, Path java, List<String> jvmOptions) throws IOException {
		MessageDigest digest = sha256();
		try (JarFile file = new JarFile(jar.toFile())) {
			if (file.getManifest() == null
					|| file.getManifest().getMainAttributes().getValue("Spring-Boot-Version") == null) {
				return null;
			}
			Enumeration<? extends ZipEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				update(digest, entry.getName() + ' ' + entry.getCrc() + ' ' + entry.getSize());
			}
		}
		update(digest, jar.toAbsolutePath().normalize().toString());
		update(digest, java.toAbsolutePath().normalize().toString());
		update(digest, System.getProperty("java.vm.version") + ' ' + System.getProperty("java.vm.vendor"));
		jvmOptions.forEach((option) -> update(digest, option));
		return HexFormat.of().formatHex(digest.digest(), 0, 8);
	}

	/**
	 * Make the archive unless it is there and still valid: extract the jar, run the
	 * training, check that the JVM accepts the result.
	 * @param trainingEnvironment the environment of the training run, pointing at no
	 * running infrastructure
	 * @param workingDirectory where the training runs (where the service will run)
	 * @param timeout how long the training may take
	 * @param abandon checked while waiting; when it returns {@code true} the training is
	 * stopped
	 * @return {@code true} if the archive was made now, {@code false} if it was valid
	 * already
	 * @throws IOException if it cannot be made; the service should start from its jar
	 */
	boolean prepare(Map<String, String> trainingEnvironment, Path workingDirectory, Duration timeout,
			BooleanSupplier abandon) throws IOException {
		Object monitor = LOCKS.computeIfAbsent(this.directory.getParent(), (path) -> new Object());
		synchronized (monitor) {
			Files.createDirectories(this.directory.getParent());
			try (FileChannel channel = FileChannel.open(this.directory.getParent().resolve(".lock"),
					StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				if (isReady()) {
					return false;
				}
				if (Files.isRegularFile(failed())) {
					// The same jar, JVM and options would fail the same way again.
					throw new IOException("making it failed before; see " + this.directory.resolve("training.log"));
				}
				deleteOthers();
				Directories.deleteQuietly(this.directory);
				Files.createDirectories(this.directory);
				Path log = this.directory.resolve("training.log");
				run(List.of(this.java.toString(), "-Djarmode=tools", "-jar", this.jar.toAbsolutePath().toString(),
						"extract", "--destination", app().toString()), Map.of(), workingDirectory, log, timeout,
						abandon, "extracting " + this.jar.getFileName());
				Path partial = this.directory.resolve("app.jsa.partial");
				List<String> training = new ArrayList<>();
				training.add(this.java.toString());
				training.addAll(this.jvmOptions);
				training.add("-XX:ArchiveClassesAtExit=" + partial);
				// Spring stops right after the context refresh: singletons are created,
				// but nothing is started (no web server, no Kafka consumer, no
				// scheduler).
				training.add("-Dspring.context.exit=onRefresh");
				training.add("-jar");
				training.add(applicationJar().toString());
				run(training, trainingEnvironment, workingDirectory, log, timeout, abandon, "training");
				if (!Files.isRegularFile(partial)) {
					throw new IOException("the training run wrote no archive; see " + log);
				}
				Files.move(partial, archive(), StandardCopyOption.ATOMIC_MOVE);
				List<String> check = new ArrayList<>();
				check.add(this.java.toString());
				check.addAll(this.jvmOptions);
				check.add("-Xshare:on");
				check.add("-XX:SharedArchiveFile=" + archive());
				check.add("-cp");
				check.add(applicationJar().toString());
				check.add("-version");
				run(check, Map.of(), workingDirectory, log, timeout, abandon, "checking the archive");
				Files.writeString(stamp(), fingerprint(), StandardCharsets.UTF_8);
				return true;
			}
			catch (IOException | RuntimeException ex) {
				// Keep the training log, which says what went wrong.
				Directories.deleteQuietly(app());
				Files.deleteIfExists(archive());
				Files.deleteIfExists(this.directory.resolve("app.jsa.partial"));
				if (!(ex instanceof Stopped) && Files.isDirectory(this.directory) && !Files.exists(failed())) {
					Files.writeString(failed(), String.valueOf(ex.getMessage()), StandardCharsets.UTF_8);
				}
				throw (ex instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
			}
		}
	}

	/**
	 * The arguments that follow the JVM options to start the service from this archive.
	 * @return {@code -XX:SharedArchiveFile=...}, {@code -jar} and the extracted jar
	 */
	List<String> launchArguments() {
		return List.of("-XX:SharedArchiveFile=" + archive(), "-jar", applicationJar().toString());
	}

	/**
	 * Forget the archive, so the next start makes it again: the JVM refused it although
	 * every check passed.
	 */
	void invalidate() {
		try {
			Files.deleteIfExists(stamp());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path directory() {
		return this.directory;
	}

	private boolean isReady() {
		try {
			return Files.isRegularFile(stamp()) && Files.isRegularFile(archive())
					&& Files.readString(stamp(), StandardCharsets.UTF_8).equals(fingerprint());
		}
		catch (IOException | UncheckedIOException ex) {
			return false;
		}
	}

	/**
	 * The names, sizes and modification times of the extracted files: what the JVM
	 * compares with the archive.
	 */
	private String fingerprint() throws IOException {
		StringBuilder fingerprint = new StringBuilder();
		try (Stream<Path> files = Files.walk(app())) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				fingerprint.append(app().relativize(file))
					.append(' ')
					.append(Files.size(file))
					.append(' ')
					.append(Files.getLastModifiedTime(file).toMillis())
					.append('\n');
			}
		}
		fingerprint.append(archive().getFileName()).append(' ').append(Files.size(archive())).append('\n');
		return fingerprint.toString();
	}

	/** Archives of earlier builds of the jar, or of other JVMs, are of no further use. */
	private void deleteOthers() throws IOException {
		try (Stream<Path> siblings = Files.list(this.directory.getParent())) {
			for (Path sibling : siblings.filter(Files::isDirectory).toList()) {
				if (!sibling.equals(this.directory)) {
					Directories.deleteQuietly(sibling);
				}
			}
		}
	}

	private static void run(List<String> command, Map<String, String> environment, Path workingDirectory, Path log,
			Duration timeout, BooleanSupplier abandon, String step) throws IOException {
		Files.writeString(log,
				System.lineSeparator() + "=== " + step + ": " + String.join(" ", command) + System.lineSeparator(),
				StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		Process process = builder.start();
		process.getOutputStream().close();
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
				if (abandon.getAsBoolean() || System.nanoTime() - deadline > 0) {
					process.destroyForcibly();
					throw new Stopped(step + " was stopped");
				}
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new Stopped(step + " was interrupted");
		}
		if (process.exitValue() != 0) {
			throw new IOException(step + " failed with exit code " + process.exitValue() + "; see " + log);
		}
	}

	private Path app() {
		return this.directory.resolve("app");
	}

	private Path applicationJar() {
		return app().resolve(this.jar.getFileName());
	}

	private Path archive() {
		return this.directory.resolve("app.jsa");
	}

	private Path stamp() {
		return this.directory.resolve("ready");
	}

	private Path failed() {
		return this.directory.resolve("failed");
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A step was stopped (the platform is closing, or the step took too long): that says
	 * nothing about whether it would succeed another time.
	 */
	private static final class Stopped extends IOException {

		Stopped(String message) {
			super(message);
		}

	}

	private static void update(MessageDigest digest, String value) {
		digest.update(value.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) '\n');
	}

}
