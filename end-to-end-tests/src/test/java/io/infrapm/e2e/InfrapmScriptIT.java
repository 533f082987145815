package io.infrapm.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.infrapm.embedded.PlatformSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./infrapm} script as a user types it, after the build: it checks the build,
 * hands options to the launcher and reports mistakes with a usage exit code, without
 * starting anything.
 */
@DisabledOnOs(OS.WINDOWS)
class InfrapmScriptIT {

	private static final Path ROOT = PlatformSettings.findRepositoryRoot(Path.of(""));

	@Test
	void upRejectsABadOptionBeforeStartingAnything() throws Exception {
		Result result = run("up", "--kafka-port", "many");

		assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
		assertThat(result.output()).contains("--kafka-port needs a positive number, not 'many'")
			.doesNotContain("Starting InfraPM");
	}

	@Test
	void helpListsTheCommands() throws Exception {
		Result result = run("help");

		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("up", "mail", "events", "bench", "--home");
	}

	@Test
	void anUnknownCommandIsAUsageError() throws Exception {
		Result result = run("deploy");

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("unknown command 'deploy'");
	}

	private static Result run(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("infrapm").toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		// Long enough for the script to rebuild a tree whose sources changed after the
		// build.
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("./infrapm " + String.join(" ", arguments) + " did not finish within 5 minutes");
		}
		return new Result(process.exitValue(),
				new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String output) {
	}

}
