package io.infrapm.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What {@code ./infrapm bench} accepts on its command line.
 */
class BenchOptionsTests {

	private static final Path ROOT = Path.of("/repository");

	@Test
	void runsEveryPartAgainstItsOwnPlatformByDefault() {
		BenchOptions options = BenchOptions.parse(ROOT, List.of());

		assertThat(options.running()).isFalse();
		assertThat(options.phases()).containsExactlyElementsOf(BenchOptions.PHASES);
		assertThat(options.operations()).isEqualTo(2000);
		assertThat(options.sustainSeconds()).isEqualTo(60);
		assertThat(options.out()).isEqualTo(ROOT.resolve("bench/results"));
	}

	@Test
	void measuresARunningPlatformWithoutRestartingItsServices() {
		BenchOptions options = BenchOptions.parse(ROOT,
				List.of("--running", "--service-url", "budget-service=http://10.0.0.7:9183", "--ops", "500"));

		assertThat(options.running()).isTrue();
		assertThat(options.phases()).doesNotContain("startup");
		assertThat(options.serviceUrls()).containsEntry("budget-service", URI.create("http://10.0.0.7:9183"))
			.containsEntry("project-service", URI.create("http://127.0.0.1:8081"));
		assertThat(options.operations()).isEqualTo(500);
	}

	@Test
	void preloadsTenThousandProjectsAndAMillionCostsForThePortfolioProbe() {
		BenchOptions options = BenchOptions.parse(ROOT, List.of("--portfolio"));
		BenchOptions smaller = BenchOptions.parse(ROOT, List.of("--portfolio", "--projects", "500", "--costs", "9000"));

		assertThat(options.portfolio()).isTrue();
		assertThat(options.portfolioProjects()).isEqualTo(10_000);
		assertThat(options.portfolioCosts()).isEqualTo(1_000_000);
		assertThat(BenchOptions.parse(ROOT, List.of()).portfolio()).isFalse();
		assertThat(smaller.portfolioProjects()).isEqualTo(500);
		assertThat(smaller.portfolioCosts()).isEqualTo(9000);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(ROOT, List.of("--portfolio", "--projects", "24")))
			.withMessageContaining("--projects");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(ROOT, List.of("--portfolio", "--running")))
			.withMessageContaining("--running");
	}

	@Test
	void theProjectPortfolioProbeRunsAloneOnItsOwnPlatform() {
		BenchOptions options = BenchOptions.parse(ROOT, List.of("--project-portfolio"));
		BenchOptions quick = BenchOptions.parse(ROOT, List.of("--project-portfolio", "--quick"));

		assertThat(options.projectPortfolio()).isTrue();
		assertThat(options.portfolio()).isFalse();
		assertThat(options.portfolioProjects()).isEqualTo(10_000);
		assertThat(quick.portfolioProjects()).isEqualTo(1000);
		assertThat(BenchOptions.parse(ROOT, List.of("--portfolio")).projectPortfolio()).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(ROOT, List.of("--project-portfolio", "--running")))
			.withMessageContaining("--running");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(ROOT, List.of("--project-portfolio", "--portfolio")))
			.withMessageContaining("one at a time");
	}

	@Test
	void namesTheOptionAndTheReasonOfWhatItRefuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(ROOT, List.of("--ops", "0")))
			.withMessageContaining("--ops")
			.withMessageContaining("positive whole number");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(ROOT, List.of("--phases", "latency,speed")))
			.withMessageContaining("unknown phase speed");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(ROOT, List.of("--service-url", "billing=http://x")))
			.withMessageContaining("--service-url");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(ROOT, List.of("--sustain")))
			.withMessageContaining("missing value");
	}

}
