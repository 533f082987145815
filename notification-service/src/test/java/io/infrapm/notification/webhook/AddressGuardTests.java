package io.infrapm.notification.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Whoever registers a webhook must not be able to aim the service at its own machine or
 * network, whatever their DNS answers.
 */
class AddressGuardTests {

	private static final WebhookSettings STRICT = settings(false, false, false);

	private final List<String> lookedUp = new ArrayList<>();

	@Test
	void acceptsAPublicHostAndReturnsItsAddresses() throws Exception {
		AddressGuard guard = guard(STRICT, "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");

		assertThat(guard.vet(URI.create("https://hooks.example.com/infrapm"))).extracting(InetAddress::getHostAddress)
			.containsExactly("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");
		assertThat(this.lookedUp).containsExactly("hooks.example.com");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			10.0.0.1              | a private network address
			172.16.4.1            | a private network address
			172.31.255.254        | a private network address
			192.168.1.10          | a private network address
			fd12:3456::1          | a private network address
			100.64.0.1            | a carrier-grade NAT address
			100.127.255.254       | a carrier-grade NAT address
			127.0.0.1             | a loopback address
			127.1.2.3             | a loopback address
			::1                   | a loopback address
			169.254.10.20         | a link-local address
			fe80::1               | a link-local address
			169.254.169.254       | a cloud metadata address
			fd00:ec2::254         | a cloud metadata address
			100.100.100.200       | a cloud metadata address
			0.0.0.0               | an unspecified address
			::                    | an unspecified address
			224.0.0.251           | a multicast address
			ff02::1               | a multicast address
			255.255.255.255       | a broadcast or reserved address
			64:ff9b::a00:1        | a private network address
			2002:a9fe:a9fe::1     | a cloud metadata address
			""")
	void refusesAHostResolvingToANonPublicAddress(String address, String kind) {
		AddressGuard guard = guard(STRICT, address);

		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard.vet(URI.create("https://hooks.example.com/x")))
			.withMessageStartingWith("host hooks.example.com resolves to ")
			.withMessageEndingWith(", " + kind)
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("url"));
	}

	@Test
	void refusesIpv4MappedIpv6FormsOfRefusedAddresses() throws Exception {
		// Built as Inet6Address: InetAddress.getByName would hand back the IPv4 address.
		for (String mapped : List.of("127.0.0.1", "10.0.0.1", "169.254.169.254")) {
			byte[] bytes = new byte[16];
			bytes[10] = (byte) 0xFF;
			bytes[11] = (byte) 0xFF;
			System.arraycopy(InetAddress.getByName(mapped).getAddress(), 0, bytes, 12, 4);
			InetAddress address = Inet6Address.getByAddress(null, bytes, -1);
			AddressGuard guard = new AddressGuard(STRICT, (host) -> new InetAddress[] { address });

			assertThatExceptionOfType(UnsafeWebhookAddressException.class)
				.isThrownBy(() -> guard.vet(URI.create("https://mapped.example.com/")));
		}
		byte[] compatible = new byte[16];
		compatible[15] = 1;
		compatible[12] = 127;
		InetAddress address = Inet6Address.getByAddress(null, compatible, -1);
		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> new AddressGuard(STRICT, (host) -> new InetAddress[] { address })
				.vet(URI.create("https://compatible.example.com/")))
			.withMessageEndingWith("a loopback address");
	}

	@Test
	void refusesAHostWithOnePublicAndOnePrivateAddress() {
		AddressGuard guard = guard(STRICT, "93.184.215.14", "10.0.0.1");

		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard.vet(URI.create("https://split.example.com/")))
			.withMessage("host split.example.com resolves to 10.0.0.1, a private network address");
	}

	@Test
	void namesAnAddressLiteralAsSuch() {
		AddressGuard guard = new AddressGuard(STRICT);

		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard.vet(URI.create("https://169.254.169.254/latest/meta-data/")))
			.withMessage("169.254.169.254 is a cloud metadata address");
	}

	@Test
	void acceptsLoopbackOnlyWhereAllowed() throws Exception {
		AddressGuard local = guard(settings(false, true, false), "127.0.0.1", "::1");

		assertThat(local.vet(URI.create("https://localhost:8084/hook"))).hasSize(2);
		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard(settings(false, true, false), "10.1.2.3").vet(URI.create("https://intranet/")))
			.withMessageEndingWith("a private network address");
	}

	@Test
	void acceptsPrivateNetworksOnlyWhereAllowedAndNeverTheMetadataEndpoint() throws Exception {
		WebhookSettings inside = settings(false, false, true);

		assertThat(guard(inside, "10.0.0.1", "fd12::1", "100.64.1.1").vet(URI.create("https://intranet/hook")))
			.hasSize(3);
		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard(inside, "127.0.0.1").vet(URI.create("https://intranet/")))
			.withMessageEndingWith("a loopback address");
		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard(inside, "fd00:ec2::254").vet(URI.create("https://intranet/")))
			.withMessageEndingWith("a cloud metadata address");
		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard(settings(true, true, true), "169.254.169.254").vet(URI.create("http://intranet/")))
			.withMessageEndingWith("a cloud metadata address");
	}

	@Test
	void requiresHttpsUnlessPlainHttpIsAllowed() throws Exception {
		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard(STRICT, "93.184.215.14").vet(URI.create("http://hooks.example.com/")))
			.withMessage("must use https, not http");
		assertThatExceptionOfType(UnsafeWebhookAddressException.class).isThrownBy(
				() -> guard(settings(true, false, false), "93.184.215.14").vet(URI.create("ftp://hooks.example.com/")))
			.withMessage("must use https or http, not ftp");
		assertThat(guard(settings(true, false, false), "93.184.215.14").vet(URI.create("HTTP://hooks.example.com/")))
			.hasSize(1);
		assertThat(this.lookedUp).containsExactly("hooks.example.com");
	}

	@Test
	void refusesCredentialsRelativeUrlsAndMissingHostsWithoutResolving() {
		AddressGuard guard = guard(STRICT, "93.184.215.14");

		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard.vet(URI.create("https://admin:secret@hooks.example.com/")))
			.withMessage("must not contain a user name or password");
		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard.vet(URI.create("https://a@b@hooks.example.com/")))
			.withMessage("must not contain a user name or password");
		assertThatExceptionOfType(UnsafeWebhookAddressException.class).isThrownBy(() -> guard.vet(URI.create("/hooks")))
			.withMessage("must be an absolute https URL");
		assertThatExceptionOfType(UnsafeWebhookAddressException.class)
			.isThrownBy(() -> guard.vet(URI.create("https://under_score.example.com/")))
			.withMessage("must name a valid host");
		assertThat(this.lookedUp).isEmpty();
	}

	@Test
	void resolvesBracketedIpv6LiteralsWithoutBrackets() throws Exception {
		AddressGuard guard = guard(STRICT, "2606:2800:21f:cb07:6820:80da:af6b:8b2c");

		guard.vet(URI.create("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:8443/hook"));

		assertThat(this.lookedUp).containsExactly("2606:2800:21f:cb07:6820:80da:af6b:8b2c");
	}

	@Test
	void reportsAHostThatDoesNotResolve() {
		AddressGuard guard = new AddressGuard(STRICT, (host) -> new InetAddress[0]);

		assertThatExceptionOfType(UnknownHostException.class)
			.isThrownBy(() -> guard.vet(URI.create("https://nowhere.example.com/")));
	}

	@Test
	void bindsSafeDefaults() {
		WebhookSettings defaults = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("infrapm.notification.webhooks", WebhookSettings.class);

		assertThat(defaults).isEqualTo(new WebhookSettings(false, false, false, Duration.ofSeconds(5),
				Duration.ofSeconds(10), Duration.ofSeconds(20), 65536));
	}

	private AddressGuard guard(WebhookSettings settings, String... addresses) {
		return new AddressGuard(settings, (host) -> {
			this.lookedUp.add(host);
			InetAddress[] resolved = new InetAddress[addresses.length];
			for (int i = 0; i < addresses.length; i++) {
				// Literals: no DNS query is made.
				resolved[i] = InetAddress.getByName(addresses[i]);
			}
			return resolved;
		});
	}

	static WebhookSettings settings(boolean allowHttp, boolean allowLoopback, boolean allowPrivateNetworks) {
		return new WebhookSettings(allowHttp, allowLoopback, allowPrivateNetworks, Duration.ofSeconds(5),
				Duration.ofSeconds(10), Duration.ofSeconds(20), 65536);
	}

}
