package io.infrapm.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.infrapm.contracts.Actor;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who sent a request, from the claims of its access token: {@code sub}, {@code email},
 * {@code name} and the platform {@code roles}. A controller declares a parameter of this
 * type to get it; request bodies never carry it.
 *
 * @param subject the token's subject
 * @param email the e-mail address, lower case, or {@code null} for a machine client
 * without one; project membership is matched on it
 * @param name the display name (the subject if the token has none)
 * @param roles the platform roles the token grants; names outside {@link PlatformRole}
 * are ignored
 */
public record Caller(String subject, String email, String name, Set<PlatformRole> roles) {

	public Caller {
		email = (email != null && !email.isBlank()) ? email.strip().toLowerCase(Locale.ROOT) : null;
		name = (name != null && !name.isBlank()) ? name.strip() : subject;
		roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
	}

	/**
	 * The caller a verified token describes.
	 * @param jwt the token
	 * @return the caller
	 */
	public static Caller of(Jwt jwt) {
		Set<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
		Object claim = jwt.getClaims().get(ResourceServerAutoConfiguration.ROLES_CLAIM);
		if (claim instanceof Collection<?> names) {
			for (Object role : names) {
				for (PlatformRole known : PlatformRole.values()) {
					if (known.name().equals(String.valueOf(role))) {
						roles.add(known);
					}
				}
			}
		}
		return new Caller(jwt.getSubject(), jwt.getClaimAsString("email"), jwt.getClaimAsString("name"), roles);
	}

	/**
	 * Whether the token grants a platform role.
	 * @param role the role
	 * @return {@code true} if it does
	 */
	public boolean has(PlatformRole role) {
		return this.roles.contains(role);
	}

	/**
	 * Whether the caller reads every project without being named on it: portfolio
	 * managers and executives.
	 * @return {@code true} if so
	 */
	public boolean readsWholePortfolio() {
		return has(PlatformRole.PORTFOLIO_MANAGER) || has(PlatformRole.EXECUTIVE);
	}

	/**
	 * Whether this is the person with the given address.
	 * @param address an e-mail address, or {@code null}
	 * @return {@code true} if the caller has an address and it is this one (ignoring
	 * case)
	 */
	public boolean isAddressedBy(String address) {
		return this.email != null && address != null && this.email.equalsIgnoreCase(address.strip());
	}

	/**
	 * The caller as the author of a change, as it is stored and carried in events.
	 * @return the actor
	 */
	public Actor actor() {
		return new Actor(this.subject, this.email, this.name);
	}

}
