package io.infrapm.platform.web;

import io.infrapm.platform.problem.PreconditionFailedException;
import io.infrapm.platform.problem.PreconditionRequiredException;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Optimistic concurrency over HTTP with {@code ETag} and {@code If-Match}.
 */
class ETagsTests {

	@Test
	void tagsAVersionAsAStrongQuotedETag() {
		assertThat(ETags.of(3)).isEqualTo("\"3\"");
		assertThat(ETags.of(0)).isEqualTo("\"0\"");
	}

	@Test
	void acceptsTheETagItIssued() {
		assertThat(ETags.requireCurrent(ETags.of(7), 7)).isEqualTo(7);
	}

	@ParameterizedTest
	@ValueSource(strings = { "W/\"7\"", " \"7\" ", "7" })
	void acceptsWeakUnquotedOrPaddedFormsOfTheCurrentVersion(String ifMatch) {
		assertThat(ETags.requireCurrent(ifMatch, 7)).isEqualTo(7);
	}

	@Test
	void acceptsAnyCurrentVersionForAStar() {
		assertThat(ETags.requireCurrent(" * ", 7)).isEqualTo(7);
	}

	@Test
	void acceptsAListThatNamesTheCurrentVersion() {
		assertThat(ETags.requireCurrent("\"5\", \"7\"", 7)).isEqualTo(7);
		assertThatExceptionOfType(PreconditionFailedException.class)
			.isThrownBy(() -> ETags.requireCurrent("\"5\", \"6\"", 7));
	}

	@Test
	void refusesAStaleVersionWithPreconditionFailed() {
		assertThatExceptionOfType(PreconditionFailedException.class)
			.isThrownBy(() -> ETags.requireCurrent(ETags.of(6), 7))
			.withMessageContaining("version 6")
			.withMessageContaining("7")
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("If-Match"));
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "   " })
	void requiresIfMatch(String ifMatch) {
		assertThatExceptionOfType(PreconditionRequiredException.class)
			.isThrownBy(() -> ETags.requireCurrent(ifMatch, 7))
			.withMessageContaining("If-Match")
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("If-Match"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"abc\"", "W/\"7-draft\"" })
	void refusesAnIfMatchThatIsNotAVersionTagOfThisResource(String ifMatch) {
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> ETags.requireCurrent(ifMatch, 7))
			.withMessageContaining(ifMatch)
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("If-Match"));
	}

}
