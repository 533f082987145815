package io.infrapm.e2e;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.minidev.json.parser.JSONParser;
import net.minidev.json.parser.ParseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps {@code docker-compose.yml} and the files under {@code deploy/} valid and
 * consistent with the services: every InfraPM service is built from this repository with
 * its own {@code SERVICE} argument, points at the Compose Kafka, MongoDB (its own
 * database) and Mailpit, Prometheus scrapes exactly the four services, and the Grafana
 * dashboard only queries metrics that the services publish. Needs no Docker: it reads the
 * files only.
 */
class ComposeFileTests {

	private static final Map<String, Integer> SERVICE_PORTS = Map.of("project-service", 8081, "risk-service", 8082,
			"budget-service", 8083, "notification-service", 8084);

	private static final Map<String, String> SERVICE_DATABASES = Map.of("project-service", "infrapm-project",
			"risk-service", "infrapm-risk", "budget-service", "infrapm-budget", "notification-service",
			"infrapm-notification");

	private static final List<String> INFRASTRUCTURE = List.of("kafka", "mongo", "prometheus", "grafana", "mailpit",
			"keycloak");

	private static final Set<String> ALLOWED_METRICS = Set.of("infrapm_events_published_total",
			"infrapm_events_consumed_total", "infrapm_outbox_backlog", "infrapm_outbox_oldest_age_seconds",
			"infrapm_events_handling_seconds_count", "infrapm_events_handling_seconds_sum",
			"infrapm_events_handling_seconds_bucket", "infrapm_events_handling_seconds_max",
			"http_server_requests_seconds_count", "http_server_requests_seconds_sum",
			"http_server_requests_seconds_bucket", "http_server_requests_seconds_max",
			"kafka_consumer_fetch_manager_records_lag_max");

	private static final List<String> ALLOWED_METRIC_PREFIXES = List.of("jvm_");

	private static final Set<String> PROMQL_KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
			"on", "ignoring", "group_left", "group_right", "inf", "nan");

	private static final Pattern PROMQL_STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern PROMQL_LABEL_MATCHERS = Pattern.compile("\\{[^}]*\\}");

	private static final Pattern PROMQL_RANGE = Pattern.compile("\\[[^\\]]*\\]");

	private static final Pattern PROMQL_GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?\\w+(?::\\w+)?}?");

	private static final Pattern PROMQL_IDENTIFIER = Pattern.compile("(?<![\\w.:])([A-Za-z_:][\\w:]*)(\\s*\\()?");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][\\w:]*)\\s*,");

	private static Path repositoryRoot;

	private static Map<String, Object> compose;

	private static Map<String, Object> services;

	@BeforeAll
	static void readComposeFile() throws IOException {
		repositoryRoot = findRepositoryRoot();
		compose = readYaml(repositoryRoot.resolve("docker-compose.yml"));
		services = map(compose.get("services"), "services");
	}

	@Test
	void definesTheFourServicesAndTheirInfrastructure() {
		assertThat(services).containsKeys(SERVICE_PORTS.keySet().toArray(String[]::new));
		assertThat(services).containsKeys(INFRASTRUCTURE.toArray(String[]::new));
	}

	@Test
	void buildsEveryServiceFromThisRepositoryWithItsOwnServiceArgument() {
		SERVICE_PORTS.forEach((name, port) -> {
			Map<String, Object> build = map(service(name).get("build"), name + ".build");
			assertThat(build.get("context")).as("%s build context", name).isEqualTo(".");
			Map<String, String> args = keyValues(build.get("args"), name + ".build.args");
			assertThat(args).as("%s build args", name).containsEntry("SERVICE", name);
			assertThat(args).as("%s build args", name).containsEntry("SERVICE_PORT", String.valueOf(port));
			assertThat(Files.exists(repositoryRoot.resolve(name))).as("module directory %s/ built by %s", name, name)
				.isTrue();
		});
		assertThat(repositoryRoot.resolve("Dockerfile")).exists();
	}

	@Test
	void pointsEveryServiceAtItsOwnMongoDatabase() {
		Set<String> databases = new LinkedHashSet<>();
		SERVICE_PORTS.keySet().forEach((name) -> {
			String uri = environment(name).get("SPRING_MONGODB_URI");
			assertThat(uri).as("%s SPRING_MONGODB_URI", name).isNotBlank();
			URI parsed = URI.create(uri);
			assertThat(parsed.getScheme()).as("%s MongoDB URI scheme", name).isEqualTo("mongodb");
			assertThat(parsed.getHost()).as("%s MongoDB host", name).isEqualTo("mongo");
			assertThat(parsed.getPath()).as("%s MongoDB database", name).isEqualTo("/" + SERVICE_DATABASES.get(name));
			assertThat(parsed.getQuery()).as("%s MongoDB options", name).contains("replicaSet=rs0");
			databases.add(parsed.getPath());
		});
		assertThat(databases).as("databases are not shared").hasSize(SERVICE_PORTS.size());
	}

	@Test
	void pointsEveryServiceAtKafkaAndMailpit() {
		SERVICE_PORTS.forEach((name, port) -> {
			Map<String, String> environment = environment(name);
			assertThat(environment).as("%s environment", name)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
				.containsEntry("SPRING_MAIL_HOST", "mailpit")
				.containsEntry("SPRING_MAIL_PORT", "1025")
				.containsEntry("SERVER_PORT", String.valueOf(port));
			assertThat(services).containsKey(environment.get("SPRING_MAIL_HOST"));
		});
	}

	@Test
	void pointsEveryServiceAtTheKeycloakRealmForItsIssuerAndKeys() {
		String realm = "/realms/infrapm";
		SERVICE_PORTS.keySet()
			.forEach((name) -> assertThat(environment(name)).as("%s environment", name)
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", "http://localhost:8180" + realm)
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI",
						"http://keycloak:8080" + realm + "/protocol/openid-connect/certs"));
		assertThat(environment("keycloak")).as("tokens carry the issuer the services check")
			.containsEntry("KC_HOSTNAME", "http://localhost:8180");
		assertThat(strings(service("keycloak").get("ports"))).contains("8180:8080");
		assertThat(strings(service("keycloak").get("command"))).contains("--import-realm");
	}

	@Test
	@SuppressWarnings("unchecked")
	void importsARealmThatIssuesTheClaimsOfTheDevelopmentIssuer() throws IOException {
		Map<String, Object> realm = readJson(repositoryRoot.resolve("deploy/keycloak/infrapm-realm.json"));
		assertThat(realm).containsEntry("realm", "infrapm");
		Map<String, Object> scope = map(list(realm.get("clientScopes"), "clientScopes").get(0), "clientScopes[0]");
		Map<String, Map<String, Object>> mappers = new LinkedHashMap<>();
		list(scope.get("protocolMappers"), "protocolMappers").forEach((mapper) -> {
			Map<String, Object> m = map(mapper, "protocolMapper");
			mappers.put((String) m.get("protocolMapper"), map(m.get("config"), "config"));
		});
		assertThat(mappers).containsKeys("oidc-sub-mapper", "oidc-full-name-mapper");
		assertThat(mappers.get("oidc-audience-mapper")).containsEntry("included.custom.audience", "infrapm")
			.containsEntry("access.token.claim", "true");
		assertThat(mappers.get("oidc-usermodel-realm-role-mapper")).containsEntry("claim.name", "roles")
			.containsEntry("multivalued", "true")
			.containsEntry("access.token.claim", "true");
		assertThat(mappers.get("oidc-usermodel-attribute-mapper")).containsEntry("claim.name", "email");
		assertThat(strings(realm.get("defaultDefaultClientScopes"))).containsExactly((String) scope.get("name"));

		List<String> roles = list(map(realm.get("roles"), "roles").get("realm"), "roles.realm").stream()
			.map((role) -> (String) map(role, "role").get("name"))
			.toList();
		assertThat(roles).containsExactlyInAnyOrder("PORTFOLIO_MANAGER", "PROJECT_MANAGER", "EXECUTIVE", "STAKEHOLDER");
		Set<String> granted = new TreeSet<>();
		list(realm.get("users"), "users")
			.forEach((user) -> granted.addAll(strings(map(user, "user").get("realmRoles"))));
		assertThat(granted).as("a user of every role").containsAll(roles);

		Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
		list(realm.get("clients"), "clients").forEach((client) -> {
			Map<String, Object> c = map(client, "client");
			clients.put((String) c.get("clientId"), c);
		});
		assertThat(clients).containsOnlyKeys("infrapm-dashboard", "infrapm-cli", "integration");
		for (String publicClient : List.of("infrapm-dashboard", "infrapm-cli")) {
			assertThat(clients.get(publicClient)).as(publicClient)
				.containsEntry("publicClient", true)
				.containsEntry("directAccessGrantsEnabled", false);
			assertThat(map(clients.get(publicClient).get("attributes"), "attributes"))
				.containsEntry("pkce.code.challenge.method", "S256");
		}
		assertThat(clients.get("integration")).containsEntry("publicClient", false)
			.containsEntry("serviceAccountsEnabled", true)
			.containsEntry("standardFlowEnabled", false);
	}

	@Test
	void publishesEveryServiceOnItsPortAndChecksItsReadiness() {
		SERVICE_PORTS.forEach((name, port) -> {
			assertThat(strings(service(name).get("ports"))).as("%s ports", name).contains(port + ":" + port);
			Map<String, Object> healthcheck = map(service(name).get("healthcheck"), name + ".healthcheck");
			assertThat(String.join(" ", strings(healthcheck.get("test")))).as("%s health check", name)
				.contains("localhost:" + port + "/actuator/health/readiness");
		});
	}

	@Test
	void startsServicesOnlyAfterHealthyKafkaMongoAndMailpit() {
		SERVICE_PORTS.keySet().forEach((name) -> {
			Map<String, Object> dependsOn = map(service(name).get("depends_on"), name + ".depends_on");
			for (String dependency : List.of("kafka", "mongo", "mailpit")) {
				assertThat(map(dependsOn.get(dependency), name + ".depends_on." + dependency))
					.as("%s waits for %s", name, dependency)
					.containsEntry("condition", "service_healthy");
				assertThat(service(dependency)).as("%s has a health check", dependency).containsKey("healthcheck");
			}
		});
	}

	@Test
	void dependsOnlyOnDefinedServices() {
		services.keySet().forEach((name) -> {
			Object dependsOn = service(name).get("depends_on");
			if (dependsOn == null) {
				return;
			}
			Set<String> dependencies = new TreeSet<>((dependsOn instanceof Map<?, ?> conditions)
					? map(conditions, name + ".depends_on").keySet() : strings(dependsOn));
			assertThat(services.keySet()).as("services %s depends on", name).containsAll(dependencies);
			assertThat(dependencies).as("%s does not depend on itself", name).doesNotContain(name);
		});
	}

	@Test
	void runsKafkaAsSingleNodeKraftWithSixPartitionsAndAutoCreatedTopics() {
		Map<String, String> environment = environment("kafka");
		assertThat(String.valueOf(service("kafka").get("image"))).startsWith("apache/kafka");
		assertThat(environment.get("KAFKA_PROCESS_ROLES")).contains("broker").contains("controller");
		assertThat(environment.get("KAFKA_ADVERTISED_LISTENERS")).contains("//kafka:9092");
		assertThat(environment).containsEntry("KAFKA_NUM_PARTITIONS", "6")
			.containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
		assertThat(strings(service("kafka").get("ports"))).anyMatch((mapping) -> mapping.startsWith("9092:"));
	}

	@Test
	void runsMongoAsReplicaSetThatInitiatesItself() {
		Map<String, Object> mongo = service("mongo");
		assertThat(String.valueOf(mongo.get("image"))).isEqualTo("mongo:8");
		assertThat(strings(mongo.get("command"))).containsSubsequence("--replSet", "rs0");
		String healthcheck = String.join(" ", strings(map(mongo.get("healthcheck"), "mongo.healthcheck").get("test")));
		assertThat(healthcheck).contains("rs.initiate(").contains("'rs0'").contains("mongo:27017");
	}

	@Test
	void mountsOnlyFilesThatExistAndVolumesThatAreDeclared() {
		Object topLevelVolumes = compose.get("volumes");
		Set<String> declaredVolumes = (topLevelVolumes != null) ? map(topLevelVolumes, "volumes").keySet() : Set.of();
		services.keySet().forEach((name) -> {
			Object volumes = service(name).get("volumes");
			if (volumes == null) {
				return;
			}
			for (Object volume : list(volumes, name + ".volumes")) {
				Mount mount = Mount.of(volume);
				if (mount.bind()) {
					assertThat(mount.source()).as("%s mounts a path inside the repository", name)
						.doesNotStartWith("/")
						.doesNotStartWith("~");
					assertThat(repositoryRoot.resolve(mount.source()).normalize())
						.as("%s mounts %s", name, mount.source())
						.exists();
				}
				else {
					assertThat(declaredVolumes).as("%s uses named volume %s", name, mount.source())
						.contains(mount.source());
				}
			}
		});
	}

	@Test
	void scrapesExactlyTheFourServicesOnTheirActuatorEndpoint() throws IOException {
		assertThat(bindSources("prometheus")).contains("deploy/prometheus/prometheus.yml");
		Map<String, Object> prometheus = readYaml(repositoryRoot.resolve("deploy/prometheus/prometheus.yml"));
		List<String> targets = new ArrayList<>();
		for (Object scrapeConfig : list(prometheus.get("scrape_configs"), "scrape_configs")) {
			Map<String, Object> job = map(scrapeConfig, "scrape_configs[]");
			assertThat(job.get("metrics_path")).as("metrics_path of job %s", job.get("job_name"))
				.isEqualTo("/actuator/prometheus");
			for (Object staticConfig : list(job.get("static_configs"), "static_configs")) {
				targets.addAll(strings(map(staticConfig, "static_configs[]").get("targets")));
			}
		}
		List<String> expected = SERVICE_PORTS.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ":" + entry.getValue())
			.toList();
		assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void provisionsPrometheusDataSourceAndInfraPmDashboard() throws IOException {
		assertThat(bindSources("grafana")).contains("deploy/grafana/provisioning", "deploy/grafana/dashboards");
		Map<String, Object> datasources = readYaml(
				repositoryRoot.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
		Map<String, Object> datasource = map(list(datasources.get("datasources"), "datasources").get(0),
				"datasources[0]");
		assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
		Map<String, Object> dashboard = readDashboard();
		assertThat(dashboard).containsEntry("title", "InfraPM");
		for (Map<String, Object> panel : queryPanels(dashboard)) {
			Map<String, Object> panelDatasource = map(panel.get("datasource"), "panel datasource");
			assertThat(panelDatasource.get("uid")).as("data source of panel '%s'", panel.get("title"))
				.isEqualTo(datasource.get("uid"));
		}
	}

	@Test
	void chartsEveryOperationalSignalOnTheDashboard() throws IOException {
		Set<String> metrics = new TreeSet<>();
		for (Map<String, Object> panel : queryPanels(readDashboard())) {
			for (String expression : expressions(panel)) {
				metrics.addAll(metricNames(expression));
			}
		}
		assertThat(metrics).contains("infrapm_events_published_total", "infrapm_events_consumed_total",
				"infrapm_outbox_backlog", "infrapm_outbox_oldest_age_seconds", "http_server_requests_seconds_count",
				"http_server_requests_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max",
				"jvm_memory_used_bytes");
	}

	@Test
	void queriesOnlyMetricsThatTheServicesPublish() throws IOException {
		Map<String, Object> dashboard = readDashboard();
		List<Map<String, Object>> panels = queryPanels(dashboard);
		assertThat(panels).isNotEmpty();
		for (Map<String, Object> panel : panels) {
			List<String> expressions = expressions(panel);
			assertThat(expressions).as("queries of panel '%s'", panel.get("title")).isNotEmpty();
			for (String expression : expressions) {
				assertThat(metricNames(expression)).as("metrics of panel '%s': %s", panel.get("title"), expression)
					.isNotEmpty()
					.allSatisfy((metric) -> assertThat(isAllowedMetric(metric))
						.as("'%s' is a metric the services publish", metric)
						.isTrue());
			}
		}
		for (Object variable : templateVariables(dashboard)) {
			Object query = map(variable, "templating variable").get("query");
			if (query instanceof Map<?, ?> editorQuery) {
				query = editorQuery.get("query");
			}
			Matcher labelValues = LABEL_VALUES.matcher(String.valueOf(query));
			while (labelValues.find()) {
				assertThat(isAllowedMetric(labelValues.group(1))).as("variable metric '%s'", labelValues.group(1))
					.isTrue();
			}
		}
	}

	@Test
	void findsMetricNamesInPromQl() {
		assertThat(metricNames("histogram_quantile(0.95, sum by (application, le) "
				+ "(rate(http_server_requests_seconds_bucket{uri!~\"/actuator.*\", application=~\"$application\"}"
				+ "[$__rate_interval])))"))
			.containsExactly("http_server_requests_seconds_bucket");
		assertThat(metricNames("sum(rate(a_total[5m])) by (type) / on(type) group_left(x) b_total offset 1h > 1e3"))
			.containsExactly("a_total", "b_total");
	}

	private static boolean isAllowedMetric(String metric) {
		return ALLOWED_METRICS.contains(metric) || ALLOWED_METRIC_PREFIXES.stream().anyMatch(metric::startsWith);
	}

	/**
	 * The metric names a PromQL expression selects: identifiers that are not functions,
	 * keywords, label names, durations or Grafana variables.
	 */
	private static Set<String> metricNames(String expression) {
		String stripped = PROMQL_STRING.matcher(expression).replaceAll(" ");
		stripped = GRAFANA_VARIABLE.matcher(stripped).replaceAll(" ");
		stripped = PROMQL_LABEL_MATCHERS.matcher(stripped).replaceAll(" ");
		stripped = PROMQL_RANGE.matcher(stripped).replaceAll(" ");
		stripped = PROMQL_GROUPING.matcher(stripped).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher identifiers = PROMQL_IDENTIFIER.matcher(stripped);
		while (identifiers.find()) {
			boolean function = identifiers.group(2) != null;
			String identifier = identifiers.group(1);
			if (!function && !PROMQL_KEYWORDS.contains(identifier.toLowerCase())) {
				names.add(identifier);
			}
		}
		return names;
	}

	/**
	 * Reads the dashboard with a strict (RFC 4627) parser, as Grafana would refuse it.
	 */
	private static Map<String, Object> readDashboard() throws IOException {
		return readJson(repositoryRoot.resolve("deploy/grafana/dashboards/infrapm.json"));
	}

	private static Map<String, Object> readJson(Path file) throws IOException {
		assertThat(file).exists();
		try (Reader reader = Files.newBufferedReader(file)) {
			return map(new JSONParser(JSONParser.MODE_RFC4627).parse(reader), file.toString());
		}
		catch (ParseException ex) {
			return fail("%s is not valid JSON: %s", file, ex.getMessage());
		}
	}

	/** Panels that carry queries, including those nested in collapsed rows. */
	private static List<Map<String, Object>> queryPanels(Map<String, Object> dashboard) {
		List<Map<String, Object>> panels = new ArrayList<>();
		for (Object item : list(dashboard.get("panels"), "panels")) {
			Map<String, Object> panel = map(item, "panel");
			if ("row".equals(panel.get("type"))) {
				Object nested = panel.get("panels");
				if (nested != null) {
					list(nested, "row panels").forEach((child) -> panels.add(map(child, "panel")));
				}
			}
			else {
				panels.add(panel);
			}
		}
		return panels;
	}

	private static List<String> expressions(Map<String, Object> panel) {
		List<String> expressions = new ArrayList<>();
		Object targets = panel.get("targets");
		if (targets != null) {
			for (Object target : list(targets, "targets")) {
				Object expression = map(target, "target").get("expr");
				if (expression != null && !String.valueOf(expression).isBlank()) {
					expressions.add(String.valueOf(expression));
				}
			}
		}
		return expressions;
	}

	private static List<Object> templateVariables(Map<String, Object> dashboard) {
		Object templating = dashboard.get("templating");
		if (templating == null) {
			return List.of();
		}
		Object variables = map(templating, "templating").get("list");
		return (variables != null) ? list(variables, "templating.list") : List.of();
	}

	private static Map<String, Object> service(String name) {
		return map(services.get(name), "services." + name);
	}

	private static Map<String, String> environment(String name) {
		return keyValues(service(name).get("environment"), name + ".environment");
	}

	private static List<String> bindSources(String name) {
		Object volumes = service(name).get("volumes");
		if (volumes == null) {
			return List.of();
		}
		return list(volumes, name + ".volumes").stream()
			.map(Mount::of)
			.filter(Mount::bind)
			.map((mount) -> Path.of(mount.source()).normalize().toString().replace('\\', '/'))
			.toList();
	}

	/** Compose accepts a map or a list of {@code KEY=VALUE} for environment and args. */
	private static Map<String, String> keyValues(Object value, String what) {
		Map<String, String> result = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> entries) {
			entries.forEach((key, entry) -> result.put(String.valueOf(key), Objects.toString(entry, null)));
		}
		else {
			for (String entry : strings(value)) {
				int equals = entry.indexOf('=');
				result.put((equals < 0) ? entry : entry.substring(0, equals),
						(equals < 0) ? null : entry.substring(equals + 1));
			}
		}
		assertThat(result).as(what).isNotEmpty();
		return result;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value, String what) {
		assertThat(value).as(what).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value, String what) {
		assertThat(value).as(what).isInstanceOf(List.class);
		return (List<Object>) value;
	}

	private static List<String> strings(Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> items) {
			return items.stream().map(String::valueOf).toList();
		}
		return List.of(String.valueOf(value));
	}

	private static Map<String, Object> readYaml(Path file) throws IOException {
		assertThat(file).exists();
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		try (Reader reader = Files.newBufferedReader(file)) {
			return map(yaml.load(reader), file.toString());
		}
	}

	/**
	 * Walks up from the working directory (the module directory under Maven) to the
	 * directory that holds both {@code mvnw} and {@code docker-compose.yml}.
	 */
	private static Path findRepositoryRoot() {
		Path start = Path.of("").toAbsolutePath();
		for (Path directory = start; directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve("mvnw"))
					&& Files.isRegularFile(directory.resolve("docker-compose.yml"))) {
				return directory;
			}
		}
		return fail("No directory with mvnw and docker-compose.yml above " + start);
	}

	/**
	 * One entry of a service's {@code volumes}, in the short
	 * ({@code source:target[:mode]}) or the long ({@code type/source/target}) syntax.
	 */
	private record Mount(String source, boolean bind) {

		static Mount of(Object volume) {
			if (volume instanceof Map<?, ?> entry) {
				String source = String.valueOf(entry.get("source"));
				return new Mount(source, "bind".equals(entry.get("type")));
			}
			String source = String.valueOf(volume).split(":", 2)[0];
			boolean bind = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
			return new Mount(source, bind);
		}

	}

}
