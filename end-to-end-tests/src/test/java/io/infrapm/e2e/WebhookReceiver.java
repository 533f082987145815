package io.infrapm.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on this machine, as a subscriber would run one: it checks every
 * post's Standard Webhooks signature with the subscription's secret (its own HMAC, not
 * the service's code), refuses the first attempt of every delivery with a 503 so that
 * each one must be retried, and keeps what it accepted, by delivery id.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(4);

	private volatile byte[] key;

	private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();

	/**
	 * Accepted posts: delivery id to the CloudEvents each carried (one, unless resent).
	 */
	private final Map<String, List<Delivery>> accepted = new ConcurrentHashMap<>();

	private final AtomicInteger badSignatures = new AtomicInteger();

	private final AtomicInteger posts = new AtomicInteger();

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/fault-suite", this::receive);
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	/**
	 * Where the subscription posts.
	 * @return the URL
	 */
	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/fault-suite";
	}

	/**
	 * The subscription's secret, from the answer to its creation.
	 * @param secret {@code whsec_} and the key in base64
	 */
	void secret(String secret) {
		this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
	}

	private void receive(HttpExchange exchange) throws IOException {
		try {
			this.posts.incrementAndGet();
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
			String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (id == null || timestamp == null || signatures == null || !signed(id, timestamp, body, signatures)) {
				this.badSignatures.incrementAndGet();
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			if (this.refusedOnce.add(id)) {
				exchange.sendResponseHeaders(503, -1);
				return;
			}
			this.accepted.computeIfAbsent(id, (any) -> new CopyOnWriteArrayList<>())
				.add(new Delivery(JsonPath.read(body, "$.id"), JsonPath.read(body, "$.type"),
						JsonPath.read(body, "$.data.projectId")));
			exchange.sendResponseHeaders(204, -1);
		}
		finally {
			exchange.close();
		}
	}

	private boolean signed(String id, String timestamp, String body, String signatures) {
		byte[] key = this.key;
		if (key == null) {
			return false;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			for (String signature : signatures.split(" ")) {
				if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
						Base64.getDecoder().decode(signature.substring("v1,".length())))) {
					return true;
				}
			}
			return false;
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The deliveries accepted of one event type, by project.
	 * @param type e.g. {@code io.infrapm.project.OutageRecorded.v1}
	 * @return project id to the distinct delivery ids
	 */
	Map<String, Set<String>> deliveriesPerProject(String type) {
		Map<String, Set<String>> perProject = new TreeMap<>();
		this.accepted.forEach((id, copies) -> copies.stream()
			.filter((copy) -> copy.type().equals(type))
			.forEach((copy) -> perProject.computeIfAbsent(copy.projectId(), (any) -> new java.util.TreeSet<>())
				.add(id)));
		return perProject;
	}

	/**
	 * The delivery ids whose copies carried more than one event: none may.
	 * @return such ids
	 */
	List<String> mixedDeliveries() {
		return this.accepted.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().stream().map(Delivery::eventId).distinct().count() > 1)
			.map(Map.Entry::getKey)
			.toList();
	}

	/**
	 * Accepted posts beyond the first of their delivery: a resend after the service was
	 * killed between the receiver's answer and recording it, which the receiver drops by
	 * the delivery id.
	 * @return how many
	 */
	int resent() {
		return this.accepted.values().stream().mapToInt((copies) -> copies.size() - 1).sum();
	}

	int badSignatures() {
		return this.badSignatures.get();
	}

	int posts() {
		return this.posts.get();
	}

	int refused() {
		return this.refusedOnce.size();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	private record Delivery(String eventId, String type, String projectId) {
	}

}
