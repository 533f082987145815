package io.infrapm.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded platform's OAuth2 authorization server, running in the JVM that starts it
 * (the launcher), on a loopback port. Its files live in one directory: the signing key
 * ({@value SigningKeys#FILE_NAME}), the development users ({@value DevUsers#FILE_NAME})
 * and the clients ({@value DevClients#FILE_NAME}), each made on the first start and read
 * on every later one, readable by their owner only.
 */
public final class DevIssuer implements AutoCloseable {

	/**
	 * Tomcat logs through {@code java.util.logging}, which Spring Boot's logging system
	 * would have bridged; held here because that API keeps its loggers only weakly.
	 */
	private static final List<Logger> QUIET_LOGGERS = List.of(Logger.getLogger("org.apache.catalina"),
			Logger.getLogger("org.apache.coyote"), Logger.getLogger("org.apache.tomcat"));

	private final ConfigurableApplicationContext context;

	private final String issuerUri;

	private DevIssuer(ConfigurableApplicationContext context, String issuerUri) {
		this.context = context;
		this.issuerUri = issuerUri;
	}

	/**
	 * Starts the issuer.
	 * @param directory where its files live
	 * @param port the loopback port, or {@code 0} for a free one
	 * @return the running issuer
	 */
	public static DevIssuer start(Path directory, int port) {
		int chosen = (port != 0) ? port : freePort();
		String issuer = uriAt(chosen);
		Map<String, Object> properties = new LinkedHashMap<>();
		// Its own configuration name: no application.yml of whatever else is on the class
		// path (a test's, a service's) applies.
		properties.put("spring.config.name", "infrapm-dev-issuer");
		properties.put("spring.application.name", "infrapm-dev-issuer");
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", chosen);
		properties.put("infrapm.issuer.directory", directory.toAbsolutePath().toString());
		properties.put("infrapm.issuer.uri", issuer);
		properties.put("spring.jmx.enabled", false);
		// It starts beside the broker and the services on a developer's cores: beans made
		// when first needed took its start from 3.8 - 5.6 s to 2.6 - 3.0 s alone.
		properties.put("spring.main.lazy-initialization", true);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(DevIssuerConfiguration.class)
			.web(WebApplicationType.SERVLET)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(properties);
		QUIET_LOGGERS.forEach((logger) -> logger.setLevel(Level.WARNING));
		// The JVM's logging belongs to whoever started the issuer (the launcher writes
		// its
		// own console and files): Spring Boot's logging listener would configure it anew.
		List<ApplicationListener<?>> listeners = new ArrayList<>(builder.application().getListeners());
		listeners.removeIf(LoggingApplicationListener.class::isInstance);
		builder.application().setListeners(listeners);
		ConfigurableApplicationContext context = builder.run();
		return new DevIssuer(context, issuer);
	}

	/**
	 * The password of a development user, adding the user to the issuer's users file if
	 * it has none of that email and giving them the roles asked for; a running issuer
	 * reads the file on every login, so the user may log in at once.
	 * @param directory the issuer's directory
	 * @param email the user
	 * @param roles platform roles to give them, or empty to keep theirs (a new user
	 * without roles is a {@code STAKEHOLDER})
	 * @return the password, in plain
	 * @throws IllegalArgumentException for a role that is not a platform role
	 * @throws IllegalStateException if the user's password is kept hashed
	 */
	public static String passwordOf(Path directory, String email, List<String> roles) {
		return DevUsers.loadOrSeed(directory).passwordOf(email, roles);
	}

	/**
	 * The issuer identifier, which every token carries as {@code iss} and from which a
	 * resource server finds the JWK set ({@code /.well-known/openid-configuration}).
	 * @return e.g. {@code http://127.0.0.1:9000}
	 */
	public String issuerUri() {
		return this.issuerUri;
	}

	/**
	 * The issuer identifier of an issuer on a loopback port.
	 * @param port its port
	 * @return e.g. {@code http://127.0.0.1:9000}
	 */
	public static String uriAt(int port) {
		return "http://127.0.0.1:" + port;
	}

	@Override
	public void close() {
		this.context.close();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free loopback port", ex);
		}
	}

}
