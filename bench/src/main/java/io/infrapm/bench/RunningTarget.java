package io.infrapm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.infrapm.embedded.MongoUris;
import io.infrapm.embedded.PlatformSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A platform that is already running, given its addresses (by default those of
 * {@code ./infrapm up}). Mails are read from a dev mailbox's HTTP API
 * ({@code GET /api/messages}); the store's write count is not known.
 *
 * @param kafkaBootstrapServers the broker
 * @param mongoUri the MongoDB server, without a database
 * @param serviceUrls the base URL of each service
 * @param mailboxUrl the dev mailbox's HTTP API
 */
record RunningTarget(String kafkaBootstrapServers, String mongoUri, Map<String, URI> serviceUrls,
		URI mailboxUrl) implements Target {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	public String mongoUri(String database) {
		return MongoUris.withDatabase(this.mongoUri, database);
	}

	@Override
	public URI serviceUrl(String service) {
		URI url = this.serviceUrls.get(service);
		if (url == null) {
			throw new IllegalArgumentException("No address for " + service + "; known: " + PlatformSettings.SERVICES);
		}
		return url;
	}

	@Override
	public List<Mail> mails() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(this.mailboxUrl.resolve("/api/messages"))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("The mailbox at " + this.mailboxUrl + " answered " + response.statusCode());
		}
		List<Mail> mails = new ArrayList<>();
		for (JsonNode mail : json.readTree(response.body())) {
			List<String> recipients = new ArrayList<>();
			mail.path("recipients").forEach((recipient) -> recipients.add(recipient.asString()));
			mails.add(new Mail(recipients, mail.path("messageId").asString(),
					Micros.of(Instant.parse(mail.path("receivedAt").asString()))));
		}
		return mails;
	}

	@Override
	public OptionalLong storeWriteCommands() {
		return OptionalLong.empty();
	}

	@Override
	public Map<String, Long> processes() {
		return Map.of();
	}

	@Override
	public String description() {
		return "a running platform: Kafka " + this.kafkaBootstrapServers + ", MongoDB " + this.mongoUri + ", services "
				+ this.serviceUrls + ", mailbox " + this.mailboxUrl;
	}

	@Override
	public void close() {
	}

}
