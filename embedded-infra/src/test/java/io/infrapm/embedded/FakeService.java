package io.infrapm.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service jar in {@link PlatformTests}: it starts in a fraction of a
 * second, reports ready like Spring Boot's readiness probe, and shows the environment it
 * was given. It uses nothing but the JDK, so it can be packaged as a one-class executable
 * jar. Its service name is its working directory's name, as the platform starts each
 * service in its module directory; it exits at once with code 3 when {@code FAKE_FAIL}
 * names it.
 */
public final class FakeService {

	private FakeService() {
	}

	public static void main(String[] args) throws IOException {
		String name = Path.of("").toAbsolutePath().getFileName().toString();
		System.out.println(name + " starting");
		if (name.equals(System.getenv("FAKE_FAIL"))) {
			System.out.println(name + " fails on purpose");
			System.exit(3);
		}
		int port = Integer.parseInt(System.getenv("SERVER_PORT"));
		HttpServer server = HttpServer.create(new InetSocketAddress(System.getenv("SERVER_ADDRESS"), port), 0);
		server.createContext("/actuator/health/readiness",
				(exchange) -> respond(exchange, "{\"status\":\"UP\",\"components\":{}}"));
		server.createContext("/env", (exchange) -> respond(exchange, environment()));
		server.start();
		System.out.println(name + " ready on port " + port);
	}

	private static String environment() {
		StringBuilder lines = new StringBuilder();
		new TreeMap<>(System.getenv()).forEach((key, value) -> {
			if (key.startsWith("SPRING_") || key.startsWith("SERVER_") || key.startsWith("MANAGEMENT_")
					|| key.startsWith("FAKE_")) {
				lines.append(key).append('=').append(value).append('\n');
			}
		});
		return lines.toString();
	}

	private static void respond(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
