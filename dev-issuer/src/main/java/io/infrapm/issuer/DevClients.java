package io.infrapm.issuer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients that may ask for tokens, from {@value #FILE_NAME} in the issuer's
 * directory, seeded on the first start: the dashboard and the command line (public
 * clients that log a user in with the authorization code and PKCE) and one machine client
 * for a consuming system (client credentials). Each further consuming system gets an
 * entry of its own.
 */
final class DevClients {

	static final String FILE_NAME = "clients.json";

	/**
	 * Roles a client's own tokens carry (client credentials) are stored under this key.
	 */
	static final String ROLES_SETTING = "infrapm.roles";

	/** How long an access token lasts. */
	static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(30);

	/**
	 * One client.
	 *
	 * @param clientId its id
	 * @param secret its secret with its encoding prefix, or {@code null} for a public
	 * client (which must use PKCE)
	 * @param grants {@code authorization_code}, {@code refresh_token},
	 * {@code client_credentials}
	 * @param redirectUris where a user's browser is sent back (a loopback address matches
	 * any port, as RFC 8252 asks)
	 * @param scopes the scopes it may ask for
	 * @param roles platform roles of the client's own tokens (client credentials)
	 */
	record DevClient(String clientId, String secret, List<String> grants, List<String> redirectUris,
			List<String> scopes, List<String> roles) {

		DevClient {
			if (clientId == null || clientId.isBlank()) {
				throw new IllegalArgumentException("a client needs a clientId");
			}
			grants = (grants != null) ? List.copyOf(grants) : List.of();
			redirectUris = (redirectUris != null) ? List.copyOf(redirectUris) : List.of();
			scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
			roles = (roles != null) ? List.copyOf(roles) : List.of();
		}

		RegisteredClient registered() {
			RegisteredClient.Builder builder = RegisteredClient
				.withId(UUID.nameUUIDFromBytes(this.clientId.getBytes()).toString())
				.clientId(this.clientId);
			boolean publicClient = this.secret == null;
			if (publicClient) {
				builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
			}
			else {
				builder.clientSecret(this.secret)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
			}
			this.grants.forEach((grant) -> builder.authorizationGrantType(new AuthorizationGrantType(grant)));
			this.redirectUris.forEach(builder::redirectUri);
			this.scopes.forEach(builder::scope);
			return builder
				.clientSettings(ClientSettings.builder()
					.requireProofKey(publicClient)
					.requireAuthorizationConsent(false)
					.setting(ROLES_SETTING, this.roles)
					.build())
				.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build())
				.build();
		}

	}

	/**
	 * The file's content.
	 *
	 * @param about what the file is
	 * @param clients the clients
	 */
	record ClientsFile(String about, List<DevClient> clients) {
	}

	private DevClients() {
	}

	static List<DevClient> loadOrSeed(Path directory) {
		ClientsFile content = OwnerOnlyFiles.readJsonOrSeed(directory.resolve(FILE_NAME), ClientsFile.class,
				DevClients::seed);
		return (content.clients() != null) ? content.clients() : List.of();
	}

	static InMemoryRegisteredClientRepository repository(List<DevClient> clients) {
		return new InMemoryRegisteredClientRepository(clients.stream().map(DevClient::registered).toList());
	}

	private static ClientsFile seed() {
		List<String> userScopes = List.of("openid", "profile", "email");
		return new ClientsFile("Clients of the embedded InfraPM issuer. A public client (secret null) logs a user "
				+ "in with the authorization code and PKCE; a machine client (a consuming system) uses client "
				+ "credentials with its secret ({noop}<plain> or {bcrypt}<hash>). Edit, then restart the platform.",
				List.of(new DevClient("infrapm-dashboard", null, List.of("authorization_code", "refresh_token"),
						List.of("http://127.0.0.1:8080/login/oauth2/code/infrapm"), userScopes, List.of()),
						new DevClient("infrapm-cli", null, List.of("authorization_code"),
								List.of("http://127.0.0.1/callback"), userScopes, List.of()),
						new DevClient("integration", "{noop}" + DevUsers.secret(), List.of("client_credentials"),
								List.of(), List.of("events.read"), List.of("STAKEHOLDER"))));
	}

}
