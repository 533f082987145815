package io.infrapm.platform.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service without an issuer configured does not start, rather than answer everyone or
 * fall back to Spring Security's generated password.
 */
class WithoutIssuerTests {

	@Test
	void refusesToStartAndSaysWhatToConfigure() {
		new WebApplicationContextRunner().withUserConfiguration(ResourceServerTests.Service.class)
			.withPropertyValues("spring.application.name=a-service")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("a-service cannot check access tokens: no issuer is configured")
				.hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri"));
	}

}
