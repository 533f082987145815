package io.infrapm.project.config;

import java.util.Map;

import io.infrapm.contracts.project.ProjectPhase;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * Conversions of project-service's documents. Projects written before the phases were
 * named after the PMBOK process groups still read: their old phase names map to the new
 * ones.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

	/**
	 * Boot's conversions (it configures none beyond the defaults unless
	 * {@code spring.mongodb.representation.big-decimal} is set, which InfraPM does not)
	 * with the reading of former phase names.
	 */
	@Bean
	MongoCustomConversions mongoCustomConversions() {
		return MongoCustomConversions.create((adapter) -> adapter.registerConverter(new PhaseReading()));
	}

	/** Reads a stored phase, old names included. */
	@ReadingConverter
	static final class PhaseReading implements Converter<String, ProjectPhase> {

		private static final Map<String, ProjectPhase> FORMER = Map.of("INITIATING", ProjectPhase.INITIATING,
				"EXECUTION", ProjectPhase.EXECUTING, "HANDOVER", ProjectPhase.CLOSING, "CLOSURE", ProjectPhase.CLOSING);

		@Override
		public ProjectPhase convert(String source) {
			ProjectPhase former = FORMER.get(source);
			return (former != null) ? former : ProjectPhase.valueOf(source);
		}

	}

}
