package io.infrapm.e2e;

import java.nio.file.Path;

import io.infrapm.embedded.Platform;
import io.infrapm.embedded.PlatformSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The walking skeleton as {@code ./infrapm up} runs it: the in-process KRaft broker, the
 * MongoDB-wire server and the dev mailbox, with each service in its own JVM started from
 * its built jar. Only ports and storage differ (free ports, temporary storage), so it
 * runs next to a developer's own {@code ./infrapm up}.
 */
class EmbeddedWalkingSkeletonIT extends WalkingSkeletonScenarios {

	private static Platform platform;

	@BeforeAll
	static void launch() {
		platform = Platform.launch(PlatformSettings.ephemeral(PlatformSettings.findRepositoryRoot(Path.of(""))));
	}

	@AfterAll
	static void shutDown() {
		if (platform != null) {
			platform.close();
		}
	}

	@Override
	Platform platform() {
		return platform;
	}

}
