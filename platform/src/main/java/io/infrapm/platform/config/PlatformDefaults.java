package io.infrapm.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every InfraPM service shares (producer durability, consumer retries
 * and dead-lettering, actuator exposure, JSON logs, MongoDB UUIDs and indexes) as the
 * lowest-precedence property source. A service's {@code application.yml}, profile files
 * and environment variables override any of them, so the defaults are stated once instead
 * of four times, yet nothing is hidden from configuration.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

	static final String NAME = "infrapm-platform-defaults";

	private static final String LOCATION = "io/infrapm/platform/config/platform-defaults.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(NAME)) {
			return;
		}
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(NAME,
					new ClassPathResource(LOCATION, PlatformDefaults.class.getClassLoader()))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the platform defaults " + LOCATION, ex);
		}
	}

}
