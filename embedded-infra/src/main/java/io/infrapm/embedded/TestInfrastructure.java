package io.infrapm.embedded;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure that service integration tests share within one JVM: an ephemeral
 * {@link LocalKafka}, an in-memory {@link LocalMongo}, an ephemeral {@link DevMailbox}
 * and a {@link TestIssuer} whose tokens the services accept.
 * <p>
 * It is started on first use of {@link #get()} and stopped by a JVM shutdown hook, so
 * that every test class (and every cached Spring context) of a module talks to the same
 * broker instead of paying two seconds for a new one. Tests keep apart by using their own
 * database name, unique keys and unique mail addresses. Typical use:
 *
 * <pre class="code">
 * &#64;DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     TestInfrastructure.get()
 *         .springProperties("risk-service-tests")
 *         .forEach((name, value) -&gt; registry.add(name, () -&gt; value));
 * }
 * </pre>
 */
public final class TestInfrastructure {

	private static final Logger logger = LoggerFactory.getLogger(TestInfrastructure.class);

	private static TestInfrastructure instance;

	private static RuntimeException startFailure;

	private final LocalKafka kafka;

	private final LocalMongo mongo;

	private final DevMailbox mailbox;

	private final TestIssuer issuer;

	private TestInfrastructure(LocalKafka kafka, LocalMongo mongo, DevMailbox mailbox, TestIssuer issuer) {
		this.kafka = kafka;
		this.mongo = mongo;
		this.mailbox = mailbox;
		this.issuer = issuer;
	}

	/**
	 * The shared infrastructure, started on the first call.
	 * @return the running infrastructure
	 * @throws EmbeddedInfrastructureException if it could not start (on this and every
	 * later call, so that each test reports the real cause)
	 */
	public static synchronized TestInfrastructure get() {
		if (startFailure != null) {
			throw new EmbeddedInfrastructureException("Test infrastructure failed to start earlier in this JVM",
					startFailure);
		}
		if (instance == null) {
			try {
				instance = start();
			}
			catch (RuntimeException ex) {
				startFailure = ex;
				throw ex;
			}
		}
		return instance;
	}

	private static TestInfrastructure start() {
		long started = System.nanoTime();
		LocalMongo mongo = LocalMongo.inMemory();
		DevMailbox mailbox = null;
		LocalKafka kafka = null;
		TestIssuer issuer = null;
		try {
			mailbox = DevMailbox.ephemeral();
			issuer = TestIssuer.start();
			kafka = LocalKafka.ephemeral();
		}
		catch (RuntimeException ex) {
			closeAll(null, issuer, mailbox, mongo);
			throw ex;
		}
		TestInfrastructure infrastructure = new TestInfrastructure(kafka, mongo, mailbox, issuer);
		Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "infrapm-test-infrastructure-shutdown"));
		logger.info("Test infrastructure ready in {} ms: Kafka {}, MongoDB {}, mailbox SMTP {} / {}, issuer {}",
				(System.nanoTime() - started) / 1_000_000, kafka.bootstrapServers(), mongo.baseUri(),
				mailbox.smtpPort(), mailbox.httpUrl(), issuer.issuerUri());
		return infrastructure;
	}

	/**
	 * The Spring Boot properties that point a service at this infrastructure.
	 * @param database the MongoDB database the test should use (one per test suite keeps
	 * suites independent)
	 * @return {@code spring.kafka.bootstrap-servers}, {@code spring.mongodb.uri},
	 * {@code spring.mail.host}, {@code spring.mail.port}, the resource server's issuer
	 * and audience, and a consumer group of the suite's own (named as the database), in
	 * that order
	 */
	public Map<String, String> springProperties(String database) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", this.kafka.bootstrapServers());
		properties.put("spring.mongodb.uri", this.mongo.connectionString(database));
		properties.put("spring.mail.host", this.mailbox.smtpHost());
		properties.put("spring.mail.port", Integer.toString(this.mailbox.smtpPort()));
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", this.issuer.issuerUri());
		properties.put("spring.security.oauth2.resourceserver.jwt.audiences", TestIssuer.AUDIENCE);
		// Each suite's context consumes every event itself: in one group, contexts cached
		// side by side would split the partitions, and each see only some events.
		properties.put("spring.cloud.stream.default.group", database);
		return Collections.unmodifiableMap(properties);
	}

	/**
	 * The broker address.
	 * @return e.g. {@code 127.0.0.1:41234}
	 */
	public String kafkaBootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	/**
	 * The connection string of one database on the shared MongoDB-wire server.
	 * @param database the database name
	 * @return e.g. {@code mongodb://127.0.0.1:41235/risk-service-tests}
	 */
	public String mongoConnectionString(String database) {
		return this.mongo.connectionString(database);
	}

	/**
	 * The shared broker.
	 * @return the broker
	 */
	public LocalKafka kafka() {
		return this.kafka;
	}

	/**
	 * The shared MongoDB-wire server.
	 * @return the server
	 */
	public LocalMongo mongo() {
		return this.mongo;
	}

	/**
	 * The shared mailbox, which keeps every mail the code under test sends.
	 * @return the mailbox
	 */
	public DevMailbox mailbox() {
		return this.mailbox;
	}

	/**
	 * The shared issuer, whose tokens a service started with {@link #springProperties}
	 * accepts.
	 * @return the issuer
	 */
	public TestIssuer issuer() {
		return this.issuer;
	}

	private void stop() {
		closeAll(this.kafka, this.issuer, this.mailbox, this.mongo);
	}

	private static void closeAll(AutoCloseable... resources) {
		for (AutoCloseable resource : resources) {
			if (resource != null) {
				try {
					resource.close();
				}
				catch (Exception ex) {
					logger.warn("Could not stop {}", resource, ex);
				}
			}
		}
	}

}
