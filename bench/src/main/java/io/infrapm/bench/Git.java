package io.infrapm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The commit the benchmark ran on, {@code -dirty} if the working tree had changes.
 */
final class Git {

	private Git() {
	}

	static String describe(Path repository) {
		String commit = run(repository, "git", "rev-parse", "--short", "HEAD");
		if (commit.isEmpty()) {
			return "unknown";
		}
		return commit
				+ (run(repository, "git", "status", "--porcelain", "--untracked-files=no").isEmpty() ? "" : "-dirty");
	}

	private static String run(Path directory, String... command) {
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
				return "";
			}
			return output;
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

}
