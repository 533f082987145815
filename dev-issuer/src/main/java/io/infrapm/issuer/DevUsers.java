package io.infrapm.issuer;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The development users who may log in, from {@value #FILE_NAME} in the issuer's
 * directory, seeded on the first start with one user of each platform role. A developer
 * edits the file (passwords as {@code {noop}plain} or {@code {bcrypt}hash}) and restarts.
 */
final class DevUsers implements UserDetailsService {

	static final String FILE_NAME = "users.json";

	/** The platform roles a token may carry (DESIGN.md §7). */
	static final List<String> PLATFORM_ROLES = List.of("PORTFOLIO_MANAGER", "PROJECT_MANAGER", "EXECUTIVE",
			"STAKEHOLDER");

	/**
	 * One user.
	 *
	 * @param email the login name, and the token's {@code email} and {@code sub}
	 * @param name the display name (the token's {@code name})
	 * @param password the password with its encoding prefix
	 * @param roles platform roles; {@code STAKEHOLDER} if none
	 */
	record DevUser(String email, String name, String password, List<String> roles) {

		DevUser {
			if (email == null || email.isBlank()) {
				throw new IllegalArgumentException("a user needs an email");
			}
			email = email.toLowerCase(Locale.ROOT);
			roles = (roles == null || roles.isEmpty()) ? List.of("STAKEHOLDER") : List.copyOf(roles);
			for (String role : roles) {
				if (!PLATFORM_ROLES.contains(role)) {
					throw new IllegalArgumentException(
							"user " + email + " has role " + role + "; known roles: " + PLATFORM_ROLES);
				}
			}
		}

	}

	/**
	 * The file's content.
	 *
	 * @param about what the file is, for whoever opens it
	 * @param users the users
	 */
	record UsersFile(String about, List<DevUser> users) {
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String NOOP = "{noop}";

	private final Path file;

	private DevUsers(Path file) {
		this.file = file;
	}

	/**
	 * The users of the file in a directory, seeding it first if there is none. The file
	 * is read again on every lookup, so that a user added or changed (by a developer, or
	 * by {@code ./infrapm token}) may log in at once.
	 * @param directory the issuer's directory
	 * @return the users
	 */
	static DevUsers loadOrSeed(Path directory) {
		DevUsers users = new DevUsers(directory.resolve(FILE_NAME));
		byEmail(users.file, OwnerOnlyFiles.readJsonOrSeed(users.file, UsersFile.class, DevUsers::seed));
		return users;
	}

	Map<String, DevUser> all() {
		return byEmail(this.file, OwnerOnlyFiles.readJson(this.file, UsersFile.class));
	}

	private static Map<String, DevUser> byEmail(Path file, UsersFile content) {
		Map<String, DevUser> byEmail = new LinkedHashMap<>();
		for (DevUser user : (content.users() != null) ? content.users() : List.<DevUser>of()) {
			if (byEmail.put(user.email(), user) != null) {
				throw new IllegalStateException(file + " lists user " + user.email() + " twice");
			}
		}
		return byEmail;
	}

	Optional<DevUser> find(String email) {
		return Optional.ofNullable(all().get(email.toLowerCase(Locale.ROOT)));
	}

	/**
	 * The password of a user, adding the user (with a new password) if the file has none
	 * of that email, and setting their roles if some are given.
	 * @param email the user
	 * @param roles the roles to give them, or empty to keep theirs
	 * @return the user's password, in plain
	 * @throws IllegalStateException if the password is kept hashed, so it cannot be told
	 */
	synchronized String passwordOf(String email, List<String> roles) {
		UsersFile content = OwnerOnlyFiles.readJson(this.file, UsersFile.class);
		Map<String, DevUser> users = byEmail(this.file, content);
		String key = email.toLowerCase(Locale.ROOT);
		DevUser user = users.get(key);
		DevUser wanted = (user == null)
				? new DevUser(key, key.substring(0, Math.max(1, key.indexOf('@'))), NOOP + secret(),
						roles.isEmpty() ? List.of("STAKEHOLDER") : roles)
				: (roles.isEmpty() ? user : new DevUser(user.email(), user.name(), user.password(), roles));
		if (!wanted.equals(user)) {
			users.put(key, wanted);
			OwnerOnlyFiles.writeJson(this.file, new UsersFile(content.about(), List.copyOf(users.values())));
		}
		if (!wanted.password().startsWith(NOOP)) {
			throw new IllegalStateException("the password of " + key + " is kept hashed in " + this.file
					+ "; log in through the login page instead");
		}
		return wanted.password().substring(NOOP.length());
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		DevUser user = find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
		return User.withUsername(user.email())
			.password(user.password())
			.roles(user.roles().toArray(String[]::new))
			.build();
	}

	private static UsersFile seed() {
		return new UsersFile(
				"Development users of the embedded InfraPM issuer. Passwords are {noop}<plain> or "
						+ "{bcrypt}<hash>; roles are PORTFOLIO_MANAGER, PROJECT_MANAGER, EXECUTIVE, STAKEHOLDER. "
						+ "A change applies to the next login.",
				List.of(user("portia@example.com", "Portia Portfolio", "PORTFOLIO_MANAGER"),
						user("pat@example.com", "Pat Manager", "PROJECT_MANAGER"),
						user("eve@example.com", "Eve Executive", "EXECUTIVE"),
						user("sam@example.com", "Sam Stakeholder", "STAKEHOLDER"),
						user("vic@vendor.example", "Vic Vendor", "STAKEHOLDER")));
	}

	private static DevUser user(String email, String name, String role) {
		return new DevUser(email, name, NOOP + secret(), List.of(role));
	}

	/**
	 * A random secret, URL-safe.
	 * @return 20 random bytes in base64url
	 */
	static String secret() {
		byte[] bytes = new byte[20];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
