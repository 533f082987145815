package io.infrapm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The platform exactly as {@code ./infrapm up} runs it, as a process of its own: the
 * launcher JVM with the broker, the store and the dev mailbox in it, and each service as
 * a child process of the launcher. Unlike {@link io.infrapm.embedded.Platform} in the
 * test's own JVM, it can be killed whole with SIGKILL, broker and store included.
 */
final class LauncherProcess {

	private final Process process;

	private final Path log;

	private LauncherProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code up} with the given options and waits until it says it is ready.
	 * @param root the repository root
	 * @param options the options of {@code up}
	 * @param environment variables on top of this JVM's environment
	 * @param log where the launcher's output goes (appended)
	 * @param timeout how long it may take to be ready
	 * @return the running launcher
	 */
	static LauncherProcess start(Path root, List<String> options, Map<String, String> environment, Path log,
			Duration timeout) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
						launcherJar(root).toString(), "up"));
		command.addAll(options);
		try {
			Files.createDirectories(log.getParent());
			long offset = Files.exists(log) ? Files.size(log) : 0;
			ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			Process process = builder.start();
			LauncherProcess launcher = new LauncherProcess(process, log);
			launcher.awaitReady(offset, timeout);
			return launcher;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitReady(long offset, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			String output = output(offset);
			if (output.contains("InfraPM is ready")) {
				return;
			}
			if (!this.process.isAlive()) {
				throw new AssertionError("the launcher exited with " + this.process.exitValue() + ":\n" + output);
			}
			sleep(200);
		}
		this.process.destroyForcibly();
		throw new AssertionError("the launcher was not ready within " + timeout + ":\n" + output(offset));
	}

	private String output(long offset) throws IOException {
		byte[] all = Files.readAllBytes(this.log);
		return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
				java.nio.charset.StandardCharsets.UTF_8);
	}

	/**
	 * Kills one service's process with SIGKILL; the launcher restarts it when started
	 * with {@code --restart-crashed}.
	 * @param service e.g. {@code budget-service}
	 */
	void killService(String service) {
		ProcessHandle handle = serviceProcess(service)
			.orElseThrow(() -> new AssertionError(service + " is not running under the launcher"));
		handle.destroyForcibly();
		handle.onExit().join();
	}

	Optional<ProcessHandle> serviceProcess(String service) {
		String jar = service + ".jar";
		return this.process.descendants()
			.filter((handle) -> handle.info().commandLine().orElse("").contains(jar)
					|| List.of(handle.info().arguments().orElse(new String[0]))
						.stream()
						.anyMatch((a) -> a.endsWith(jar)))
			.findFirst();
	}

	/**
	 * Kills the launcher and every service with SIGKILL at once, as a power cut of the
	 * processes would: nothing gets to shut down.
	 */
	void killAll() {
		List<ProcessHandle> all = new ArrayList<>(this.process.descendants().toList());
		all.add(this.process.toHandle());
		all.forEach(ProcessHandle::destroyForcibly);
		all.forEach((handle) -> handle.onExit().join());
	}

	/** Stops the platform as Ctrl-C would, and waits for it. */
	void stop() {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				killAll();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		children.forEach(ProcessHandle::destroyForcibly);
	}

	private static Path launcherJar(Path root) {
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(root.resolve("embedded-infra/target"),
				"embedded-infra-*-exec.jar")) {
			for (Path jar : jars) {
				return jar;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new AssertionError("the launcher jar is not built; run ./mvnw package first");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

}
