package io.infrapm.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * RFC 9457 problem details for every controller of the service, and a 415 (instead of a
 * 500) for a wildcard {@code Content-Type}. Switched off with
 * {@code infrapm.problems.enabled=false}.
 * <p>
 * Runs before Spring MVC's auto-configuration, so that Boot's own
 * {@code ProblemDetailsExceptionHandler} (which backs off when a
 * {@code ResponseEntityExceptionHandler} exists) never competes with this one.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "infrapm.problems", name = "enabled", matchIfMissing = true)
public class WebAutoConfiguration {

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

	@Bean
	WebMvcConfigurer wildcardContentTypeGuard() {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new WildcardContentTypeGuard());
			}

		};
	}

}
