package io.infrapm.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A directory laid out like the InfraPM repository ({@code mvnw}, {@code infrapm},
 * {@code <service>/target/<service>.jar}), whose service jars are {@link FakeService}.
 */
final class FakeRepository {

	private FakeRepository() {
	}

	static Path create(Path root) throws IOException {
		Files.writeString(root.resolve("mvnw"), "#!/bin/sh\n");
		Files.writeString(root.resolve("infrapm"), "#!/bin/sh\n");
		for (String service : PlatformSettings.SERVICES) {
			Path target = Files.createDirectories(root.resolve(service).resolve("target"));
			writeJar(target.resolve(service + ".jar"), false, service);
		}
		return root;
	}

	/**
	 * Writes a jar that runs {@link FakeService}.
	 * @param jar where
	 * @param springBoot whether its manifest says it is a Spring Boot jar
	 * @param content the text of an entry of its own, so that jars can differ
	 * @return the jar
	 */
	static Path writeJar(Path jar, boolean springBoot, String content) throws IOException {
		Files.createDirectories(jar.getParent());
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
		if (springBoot) {
			manifest.getMainAttributes().putValue("Spring-Boot-Version", "4.0.9");
		}
		String entry = FakeService.class.getName().replace('.', '/') + ".class";
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file, manifest);
				InputStream classFile = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
			out.putNextEntry(new JarEntry(entry));
			classFile.transferTo(out);
			out.closeEntry();
			out.putNextEntry(new JarEntry("content.txt"));
			out.write(content.getBytes());
			out.closeEntry();
		}
		return jar;
	}

}
