package io.infrapm.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ClassDataArchive}: which jars get one and where it is kept. Making a real one
 * needs a built service jar; the end-to-end tests start every service from one.
 */
class ClassDataArchiveTests {

	private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

	private static final List<String> OPTIONS = PlatformSettings.DEFAULT_JVM_OPTIONS;

	@TempDir
	Path root;

	@Test
	void isNotMadeForAJarThatIsNotASpringBootJar() throws IOException {
		Path jar = FakeRepository.writeJar(this.root.resolve("target/plain.jar"), false, "one");

		assertThat(ClassDataArchive.of(jar, JAVA, OPTIONS)).isNull();
	}

	@Test
	void isNotMadeWhenTheOptionsTurnSharingOffOrNameAnArchive() throws IOException {
		Path jar = FakeRepository.writeJar(this.root.resolve("target/service.jar"), true, "one");

		assertThat(ClassDataArchive.of(jar, JAVA, List.of("-Xmx256m", "-Xshare:off"))).isNull();
		assertThat(ClassDataArchive.of(jar, JAVA, List.of("-XX:SharedArchiveFile=mine.jsa"))).isNull();
	}

	@Test
	void aRebuiltJarAnotherJvmOrOtherOptionsGetAnArchiveOfTheirOwn() throws IOException {
		Path jar = FakeRepository.writeJar(this.root.resolve("target/service.jar"), true, "one");
		Path directory = ClassDataArchive.of(jar, JAVA, OPTIONS).directory();

		assertThat(directory.getParent()).isEqualTo(this.root.resolve("target/cds"));
		assertThat(ClassDataArchive.of(jar, JAVA, OPTIONS).directory()).isEqualTo(directory);
		assertThat(ClassDataArchive.of(jar, Path.of("/opt/other-jdk/bin/java"), OPTIONS).directory())
			.isNotEqualTo(directory);
		assertThat(ClassDataArchive.of(jar, JAVA, List.of("-Xmx512m")).directory()).isNotEqualTo(directory);
		FakeRepository.writeJar(jar, true, "two");
		assertThat(ClassDataArchive.of(jar, JAVA, OPTIONS).directory()).isNotEqualTo(directory);
	}

	@Test
	void aJarThatCannotBePreparedFailsOnceAndLeavesTheLogOfWhatWentWrong() throws IOException {
		// Claims to be a Spring Boot jar, but has no launcher to extract it with.
		Path jar = FakeRepository.writeJar(this.root.resolve("target/service.jar"), true, "one");
		ClassDataArchive archive = ClassDataArchive.of(jar, JAVA, OPTIONS);

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> archive.prepare(Map.of(), this.root, Duration.ofSeconds(30), () -> false))
			.withMessageContaining("extracting service.jar failed");
		try (var files = Files.list(archive.directory())) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("training.log",
					"failed");
		}
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> archive.prepare(Map.of(), this.root, Duration.ofSeconds(30), () -> false))
			.withMessageContaining("failed before");
	}

}
