package io.infrapm.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The mailbox's read-only HTTP API, on the JDK's built-in HTTP server so that a developer
 * can {@code curl} it without anything else installed.
 * <ul>
 * <li>{@code GET /api/messages}: every message, oldest first, as a JSON array;</li>
 * <li>{@code GET /api/messages?to=<address>}: only those delivered to that address.</li>
 * </ul>
 */
final class MailboxHttpApi {

	private static final String MESSAGES_PATH = "/api/messages";

	private final HttpServer server;

	private final ExecutorService executor;

	MailboxHttpApi(DevMailbox mailbox, int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(Ports.loopback(), port), 16);
		}
		catch (IOException ex) {
			throw new EmbeddedInfrastructureException(
					"Dev mailbox could not serve HTTP on 127.0.0.1:" + port + ": " + ex.getMessage(), ex);
		}
		this.executor = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "dev-mailbox-http");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> handle(mailbox, exchange));
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	void stop() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private static void handle(DevMailbox mailbox, HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			if (!method.equals("GET") && !method.equals("HEAD")) {
				exchange.getResponseHeaders().set("Allow", "GET, HEAD");
				respond(exchange, 405, "{\"error\":\"The mailbox API is read-only\"}\n");
			}
			else if (path.equals(MESSAGES_PATH) || path.equals(MESSAGES_PATH + "/")) {
				String to = queryParameter(exchange.getRequestURI().getRawQuery(), "to");
				List<ReceivedMail> mails = (to != null && !to.isBlank()) ? mailbox.messagesTo(to) : mailbox.messages();
				respond(exchange, 200, Json.mails(mails));
			}
			else {
				respond(exchange, 404, "{\"error\":\"Not found; try GET " + MESSAGES_PATH + "[?to=address]\"}\n");
			}
		}
	}

	private static String queryParameter(String rawQuery, String name) {
		if (rawQuery == null) {
			return null;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String key = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			if (key.equals(name)) {
				return (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			}
		}
		return null;
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		boolean head = exchange.getRequestMethod().equals("HEAD");
		exchange.sendResponseHeaders(status, head ? -1 : body.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
