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
			writeJar(target.resolve(service + ".jar"));
		}
		return root;
	}

	private static void writeJar(Path jar) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
		String entry = FakeService.class.getName().replace('.', '/') + ".class";
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file, manifest);
				InputStream classFile = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
			out.putNextEntry(new JarEntry(entry));
			classFile.transferTo(out);
			out.closeEntry();
		}
	}

}
