package io.infrapm.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The shape of stored documents: every field path with its BSON type (a binary with its
 * subtype, so a UUID in the standard representation is {@code BINARY/4}), an array's
 * elements as {@code []} and the keys of a map as {@code *}. Two sets of documents with
 * the same shape are read alike by budget-service's mapping; the portfolio probe refuses
 * to preload documents whose shape differs from those budget-service wrote itself.
 */
final class DocumentShapes {

	private DocumentShapes() {
	}

	/**
	 * The shape of some documents: the union of each one's paths.
	 * @param documents the documents
	 * @param maps the paths whose keys are data (a map), e.g. {@code actualByDay}
	 * @return {@code path: type} lines, sorted
	 */
	static Set<String> of(Collection<BsonDocument> documents, Set<String> maps) {
		Set<String> shape = new TreeSet<>();
		for (BsonDocument document : documents) {
			walk(document, "", maps, shape);
		}
		return shape;
	}

	private static void walk(BsonValue value, String path, Set<String> maps, Set<String> shape) {
		if (!path.isEmpty()) {
			shape.add(path + ": " + type(value));
		}
		if (value.isDocument()) {
			boolean map = maps.contains(path);
			for (Map.Entry<String, BsonValue> field : value.asDocument().entrySet()) {
				String key = map ? "*" : field.getKey();
				walk(field.getValue(), path.isEmpty() ? key : path + "." + key, maps, shape);
			}
		}
		else if (value.isArray()) {
			BsonArray array = value.asArray();
			for (BsonValue element : array) {
				walk(element, path + "[]", maps, shape);
			}
		}
	}

	private static String type(BsonValue value) {
		if (value.getBsonType() == BsonType.BINARY) {
			return "BINARY/" + value.asBinary().getType();
		}
		return value.getBsonType().name();
	}

	/**
	 * How two shapes differ.
	 * @param written what budget-service wrote
	 * @param generated what the probe would preload
	 * @return one line per path that only one of them has; empty if they are the same
	 */
	static List<String> differences(Set<String> written, Set<String> generated) {
		List<String> differences = new ArrayList<>();
		for (String path : written) {
			if (!generated.contains(path)) {
				differences.add("only in budget-service's document: " + path);
			}
		}
		for (String path : generated) {
			if (!written.contains(path)) {
				differences.add("only in the preloaded document: " + path);
			}
		}
		return differences;
	}

}
