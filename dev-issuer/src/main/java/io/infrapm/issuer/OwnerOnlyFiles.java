package io.infrapm.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files that hold secrets (the signing key, passwords, client secrets): written whole (to
 * a temporary file, then moved), readable by their owner only where the file system knows
 * permissions.
 */
final class OwnerOnlyFiles {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private OwnerOnlyFiles() {
	}

	/**
	 * The content of a JSON file, which is written first from {@code seed} if there is
	 * none.
	 * @param file the file
	 * @param type what it holds
	 * @param seed its content on the first start
	 * @return the content
	 * @throws IllegalStateException if the file cannot be read as that type
	 */
	static <T> T readJsonOrSeed(Path file, Class<T> type, Supplier<T> seed) {
		if (!Files.exists(file)) {
			writeJson(file, seed.get());
		}
		return readJson(file, type);
	}

	static <T> T readJson(Path file, Class<T> type) {
		try {
			return JSON.readValue(read(file), type);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(file + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	static void writeJson(Path file, Object content) {
		write(file, JSON.writeValueAsString(content));
	}

	static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Path partial = file.resolveSibling(file.getFileName() + ".partial");
			Files.deleteIfExists(partial);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(partial,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			Files.writeString(partial, content, StandardCharsets.UTF_8);
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not write " + file, ex);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read " + file, ex);
		}
	}

}
