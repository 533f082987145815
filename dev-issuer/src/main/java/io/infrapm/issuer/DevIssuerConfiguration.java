package io.infrapm.issuer;

import java.nio.file.Path;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server as the embedded platform runs it. Access tokens are JWTs
 * signed with the key of {@link SigningKeys}, for the audience {@value #AUDIENCE}, with
 * the claims every InfraPM service reads: {@code sub} and {@code email} (the user's
 * email, or the client id of a machine client), {@code name} and {@code roles}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class DevIssuerConfiguration {

	// The issuer starts with lazy initialisation; the beans over its files do not, so
	// that the files are made on the first start and a broken one stops it at once.

	/** The audience of every access token: the InfraPM services. */
	static final String AUDIENCE = "infrapm";

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
		// This chain serves the protocol endpoints only (authorize, token, JWK set,
		// metadata, OpenID Connect); the login page is the next one's.
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, (endpoints) -> endpoints.oidc(Customizer.withDefaults()))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			// A browser that is not logged in yet goes to the login page.
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain loginPage(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	@Lazy(false)
	DevUsers devUsers(@Value("${infrapm.issuer.directory}") Path directory) {
		return DevUsers.loadOrSeed(directory);
	}

	@Bean
	@Lazy(false)
	RegisteredClientRepository registeredClients(@Value("${infrapm.issuer.directory}") Path directory) {
		return DevClients.repository(DevClients.loadOrSeed(directory));
	}

	@Bean
	@Lazy(false)
	JWKSource<SecurityContext> signingKeys(@Value("${infrapm.issuer.directory}") Path directory) {
		JWKSet keys = SigningKeys.loadOrCreate(directory);
		return new ImmutableJWKSet<>(keys);
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKeys) {
		// For the OpenID Connect user info endpoint.
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKeys);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(@Value("${infrapm.issuer.uri}") String issuer) {
		// A fixed issuer: the services check it, whatever host name a client used.
		return AuthorizationServerSettings.builder().issuer(issuer).build();
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> infrapmClaims(DevUsers users) {
		return (context) -> {
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				// What the user info endpoint answers comes from the ID token.
				users.find(context.getPrincipal().getName())
					.ifPresent((user) -> context.getClaims()
						.claim("email", user.email())
						.claim("name", (user.name() != null) ? user.name() : user.email()));
				return;
			}
			if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				return;
			}
			context.getClaims().audience(List.of(AUDIENCE));
			if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
				String client = context.getRegisteredClient().getClientId();
				List<String> roles = context.getRegisteredClient()
					.getClientSettings()
					.getSetting(DevClients.ROLES_SETTING);
				// A system has no address: it belongs to no project by its token, as a
				// Keycloak service account does not.
				context.getClaims().claim("name", client).claim("roles", (roles != null) ? roles : List.of());
				return;
			}
			users.find(context.getPrincipal().getName())
				.ifPresent((user) -> context.getClaims()
					.subject(user.email())
					.claim("email", user.email())
					.claim("name", (user.name() != null) ? user.name() : user.email())
					.claim("roles", user.roles()));
		};
	}

}
