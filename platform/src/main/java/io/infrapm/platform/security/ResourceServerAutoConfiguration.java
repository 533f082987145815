package io.infrapm.platform.security;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every InfraPM service is an OAuth2 resource server: a request to anything but the
 * probes, the Prometheus scrape and the info endpoint needs a JWT of the configured
 * issuer, checked for signature, issuer, audience and expiry (with Spring Security's
 * clock skew of 60 s). Standard Spring Boot properties switch it on:
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (keys found through the
 * issuer's discovery document, on the first request) or {@code jwk-set-uri}, with
 * {@code audiences}.
 * <p>
 * Platform roles come from the token's {@code roles} claim ({@code PORTFOLIO_MANAGER},
 * {@code PROJECT_MANAGER}, {@code EXECUTIVE}, {@code STAKEHOLDER}) as {@code ROLE_*}
 * authorities; the other actuator endpoints need {@code PORTFOLIO_MANAGER}. No session,
 * no CSRF token (nothing is authenticated by a cookie). 401 and 403 are problem details
 * with {@code WWW-Authenticate}.
 * <p>
 * Without an issuer configured the service does not start: it would otherwise have to
 * answer everyone. A controller method gets its {@link Caller} by declaring a parameter
 * of that type.
 */
// Before Boot's resource-server and web-security configurations, so that their default
// filter chains back off; the JWT decoder they define is looked up when the chain is
// built.
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class ResourceServerAutoConfiguration {

	/** The claim holding a token's platform roles. */
	public static final String ROLES_CLAIM = "roles";

	@Bean
	SecurityFilterChain infrapmResourceServer(HttpSecurity http, ObjectProvider<JwtDecoder> decoder,
			Environment environment) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
		if (decoder.getIfAvailable() == null) {
			// Fail closed: a service that cannot check tokens must not answer at all.
			throw new IllegalStateException(environment.getProperty("spring.application.name", "This service")
					+ " cannot check access tokens: no issuer is configured. Set "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri) and audiences.");
		}
		ProblemResponses problems = new ProblemResponses();
		http.authorizeHttpRequests((requests) -> requests
			// The error page renders what already went wrong with the request (which
			// was authorised, or refused, on its own dispatch).
			.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
			.permitAll()
			// The API's description, like an issuer's discovery document, is public.
			.requestMatchers("/v3/api-docs", "/v3/api-docs/**")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole("PORTFOLIO_MANAGER")
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(roles()))
				// RFC 9728, at /.well-known/oauth-protected-resource: tells a client
				// which
				// issuer to get its token from.
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer((resource) -> {
					String issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
					if (issuer != null) {
						resource.authorizationServer(issuer);
					}
					resource.resourceName("InfraPM " + environment.getProperty("spring.application.name", "service"))
						.tlsClientCertificateBoundAccessTokens(false);
				}))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	WebMvcConfigurer infrapmCallerArguments() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}
		};
	}

	static JwtAuthenticationConverter roles() {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(roleAuthorities());
		return converter;
	}

	/**
	 * The token's platform roles as {@code ROLE_*} authorities; also what a web test
	 * hands to spring-security-test's {@code jwt().authorities(...)}.
	 * @return the converter
	 */
	public static JwtGrantedAuthoritiesConverter roleAuthorities() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(ROLES_CLAIM);
		authorities.setAuthorityPrefix("ROLE_");
		return authorities;
	}

}
