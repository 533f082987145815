package io.infrapm.notification.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber's receiver gets a signed POST it can verify, and nothing a receiver does
 * (redirecting, stalling, answering at length) can hold the service or lead it elsewhere.
 * The receivers listen on loopback only, which the senders here are allowed to call
 * unless a test says otherwise.
 */
class WebhookSenderTests {

	private static final Instant NOW = Instant.parse("2026-12-04T20:45:00Z");

	private static final String BODY = "{\"specversion\":\"1.0\",\"id\":\"4f0c\",\"type\":"
			+ "\"io.infrapm.risk.RiskAssessed.v1\",\"data\":{\"title\":\"Kühlung für Rack 7 — verspätet\"}}";

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final String secret = WebhookSignature.generateSecret();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	/** Lets receivers that hold a request go, so that no test leaves a thread behind. */
	private final CountDownLatch release = new CountDownLatch(1);

	private final List<String> lookedUp = new CopyOnWriteArrayList<>();

	private ExecutorService threads;

	private HttpServer server;

	private WebhookSender sender;

	@BeforeEach
	void startReceiver() throws IOException {
		this.threads = Executors.newCachedThreadPool();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	@AfterEach
	void stopReceiver() {
		this.release.countDown();
		if (this.sender != null) {
			this.sender.close();
		}
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	@Test
	void deliversAPostTheReceiverCanVerify() {
		answer("/hook", (exchange) -> exchange.sendResponseHeaders(204, -1));
		this.sender = sender(settings(true, true, Duration.ofSeconds(2), Duration.ofSeconds(5)),
				Map.of("receiver.test", InetAddress.getLoopbackAddress()));

		WebhookResult result = this.sender.send(url("receiver.test", "/hook"), this.secret, "msg_2Xk9", BODY);

		assertThat(result.delivered()).isTrue();
		assertThat(result.status()).isEqualTo(204);
		assertThat(result.reason()).isEqualTo("HTTP 204");
		assertThat(this.received).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.body()).isEqualTo(BODY);
			assertThat(request.headers().getFirst("content-type")).isEqualTo("application/json");
			assertThat(request.headers().getFirst("user-agent")).isEqualTo("InfraPM-Webhooks/1");
			assertThat(request.headers().getFirst("webhook-id")).isEqualTo("msg_2Xk9");
			assertThat(request.headers().getFirst("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
			assertThat(WebhookSignature.of(this.secret)
				.verify(request.headers().getFirst("webhook-id"), request.headers().getFirst("webhook-timestamp"),
						request.body(), request.headers().getFirst("webhook-signature"), this.clock))
				.isTrue();
		});
		// Once to vet the URL, once more by the client as it connects.
		assertThat(this.lookedUp).containsExactly("receiver.test", "receiver.test");
	}

	@Test
	void reportsAServerErrorAsNotDelivered() {
		answer("/hook", (exchange) -> respond(exchange, 500, "database down"));
		this.sender = sender(settings(true, true, Duration.ofSeconds(2), Duration.ofSeconds(5)), Map.of());

		WebhookResult result = this.sender.send(url("127.0.0.1", "/hook"), this.secret, "msg_1", BODY);

		assertThat(result.delivered()).isFalse();
		assertThat(result.status()).isEqualTo(500);
		assertThat(result.reason()).isEqualTo("HTTP 500");
		assertThat(this.received).hasSize(1);
	}

	@Test
	void refusesToFollowARedirect() {
		answer("/hook", (exchange) -> {
			exchange.getResponseHeaders().set("location", url("127.0.0.1", "/elsewhere").toString());
			exchange.sendResponseHeaders(302, -1);
		});
		answer("/elsewhere", (exchange) -> exchange.sendResponseHeaders(204, -1));
		this.sender = sender(settings(true, true, Duration.ofSeconds(2), Duration.ofSeconds(5)), Map.of());

		WebhookResult result = this.sender.send(url("127.0.0.1", "/hook"), this.secret, "msg_1", BODY);

		assertThat(result.delivered()).isFalse();
		assertThat(result.status()).isEqualTo(302);
		assertThat(result.reason()).isEqualTo("redirect refused");
		assertThat(this.received).extracting(Received::path).containsExactly("/hook");
	}

	@Test
	void givesUpOnAReceiverThatDoesNotAnswerInTime() {
		answer("/hook", (exchange) -> {
			await(this.release);
			exchange.sendResponseHeaders(204, -1);
		});
		this.sender = sender(settings(true, true, Duration.ofMillis(300), Duration.ofSeconds(5)), Map.of());

		WebhookResult result = this.sender.send(url("127.0.0.1", "/hook"), this.secret, "msg_1", BODY);

		assertThat(result.delivered()).isFalse();
		assertThat(result.status()).isZero();
		assertThat(result.reason()).isEqualTo("timed out waiting for the response");
		assertThat(result.took()).isBetween(Duration.ofMillis(250), Duration.ofMillis(1500));
	}

	@Test
	void givesUpOnAReceiverThatTricklesItsAnswerPastTheTotalTimeout() throws Exception {
		// Each header line arrives well within the response timeout, the whole never.
		try (ServerSocket trickler = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.threads.submit(() -> trickle(trickler));
			this.sender = sender(settings(true, true, Duration.ofMillis(300), Duration.ofMillis(700)), Map.of());

			WebhookResult result = this.sender.send(URI.create("http://127.0.0.1:" + trickler.getLocalPort() + "/hook"),
					this.secret, "msg_1", BODY);

			assertThat(result.delivered()).isFalse();
			assertThat(result.status()).isZero();
			assertThat(result.reason()).isEqualTo("timed out after 700 ms");
			assertThat(result.took()).isBetween(Duration.ofMillis(650), Duration.ofMillis(1500));
		}
	}

	@Test
	void readsNoMoreOfAHugeAnswerThanTheLimit() throws Exception {
		long huge = 256L * 1024 * 1024;
		AtomicLong written = new AtomicLong();
		AtomicBoolean brokenOff = new AtomicBoolean();
		CountDownLatch done = new CountDownLatch(1);
		answer("/hook", (exchange) -> {
			try {
				exchange.sendResponseHeaders(200, huge);
				byte[] chunk = new byte[64 * 1024];
				OutputStream out = exchange.getResponseBody();
				while (written.get() < huge) {
					out.write(chunk);
					written.addAndGet(chunk.length);
				}
				out.close();
			}
			catch (IOException ex) {
				brokenOff.set(true);
			}
			finally {
				done.countDown();
			}
		});
		this.sender = sender(settings(true, true, Duration.ofSeconds(2), Duration.ofSeconds(5)), Map.of());

		WebhookResult result = this.sender.send(url("127.0.0.1", "/hook"), this.secret, "msg_1", BODY);

		assertThat(result.delivered()).isTrue();
		assertThat(result.status()).isEqualTo(200);
		assertThat(result.took()).isLessThan(Duration.ofMillis(1500));
		assertThat(done.await(2, TimeUnit.SECONDS)).isTrue();
		assertThat(brokenOff).isTrue();
		assertThat(written.get()).isLessThan(huge);
	}

	@Test
	void refusesLoopbackBeforeConnectingUnlessAllowed() {
		answer("/hook", (exchange) -> exchange.sendResponseHeaders(204, -1));
		this.sender = sender(settings(true, false, Duration.ofSeconds(2), Duration.ofSeconds(5)), Map.of());

		WebhookResult result = this.sender.send(url("127.0.0.1", "/hook"), this.secret, "msg_1", BODY);

		assertThat(result.delivered()).isFalse();
		assertThat(result.status()).isZero();
		assertThat(result.reason()).isEqualTo("refused: 127.0.0.1 is a loopback address");
		assertThat(this.received).isEmpty();
	}

	@Test
	void connectsOnlyToAddressesVettedWhenConnecting() {
		// DNS rebinding: a public address for the check, this machine for the connection.
		answer("/hook", (exchange) -> exchange.sendResponseHeaders(204, -1));
		AtomicInteger lookups = new AtomicInteger();
		AddressGuard guard = new AddressGuard(settings(true, false, Duration.ofSeconds(2), Duration.ofSeconds(5)),
				(host) -> new InetAddress[] { (lookups.getAndIncrement() == 0) ? InetAddress.getByName("93.184.215.14")
						: InetAddress.getLoopbackAddress() });
		this.sender = new WebhookSender(settings(true, false, Duration.ofSeconds(2), Duration.ofSeconds(5)), guard,
				this.clock);

		WebhookResult result = this.sender.send(url("rebind.test", "/hook"), this.secret, "msg_1", BODY);

		assertThat(result.delivered()).isFalse();
		assertThat(result.reason()).isEqualTo("refused: host rebind.test resolves to 127.0.0.1, a loopback address");
		assertThat(lookups).hasValue(2);
		assertThat(this.received).isEmpty();
	}

	@Test
	void reportsARefusedConnection() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		this.sender = sender(settings(true, true, Duration.ofSeconds(2), Duration.ofSeconds(5)), Map.of());

		WebhookResult result = this.sender.send(URI.create("http://127.0.0.1:" + closed + "/hook"), this.secret,
				"msg_1", BODY);

		assertThat(result.delivered()).isFalse();
		assertThat(result.status()).isZero();
		assertThat(result.reason()).isEqualTo("connection refused");
	}

	private WebhookSender sender(WebhookSettings settings, Map<String, InetAddress> names) {
		AddressGuard guard = new AddressGuard(settings, (host) -> {
			this.lookedUp.add(host);
			InetAddress named = names.get(host);
			return (named != null) ? new InetAddress[] { named } : InetAddress.getAllByName(host);
		});
		return new WebhookSender(settings, guard, this.clock);
	}

	private static WebhookSettings settings(boolean allowHttp, boolean allowLoopback, Duration responseTimeout,
			Duration totalTimeout) {
		return new WebhookSettings(allowHttp, allowLoopback, false, Duration.ofSeconds(1), responseTimeout,
				totalTimeout, 64 * 1024);
	}

	private URI url(String host, String path) {
		return URI.create("http://" + host + ":" + this.server.getAddress().getPort() + path);
	}

	private void answer(String path, Handler handler) {
		this.server.createContext(path, (exchange) -> {
			try {
				byte[] body = exchange.getRequestBody().readAllBytes();
				this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
						exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8)));
				handler.handle(exchange);
			}
			finally {
				exchange.close();
			}
		});
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private void trickle(ServerSocket trickler) {
		try (Socket socket = trickler.accept()) {
			InputStream in = socket.getInputStream();
			in.read(new byte[8192]);
			OutputStream out = socket.getOutputStream();
			out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
			// Stops when the client hangs up, when the test ends, or after two seconds,
			// so that a sender without a total timeout fails the test instead of hanging.
			long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
			while (!this.release.await(100, TimeUnit.MILLISECONDS) && System.nanoTime() < until) {
				out.write("x-still-there: yes\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
		}
		catch (IOException | InterruptedException ex) {
			// The client hung up, as it should.
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@FunctionalInterface
	private interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

	private record Received(String method, String path, Headers headers, String body) {
	}

}
