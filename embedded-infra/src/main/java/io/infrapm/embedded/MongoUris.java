package io.infrapm.embedded;

/**
 * Derives one connection string per service database from a base MongoDB connection
 * string, keeping hosts, credentials and options.
 */
public final class MongoUris {

	private MongoUris() {
	}

	/**
	 * Put {@code database} into {@code uri} in place of the database it names, if any.
	 * <p>
	 * When the URI carries credentials but no {@code authSource}, MongoDB authenticates
	 * against the database in the path; replacing that database would silently move the
	 * credentials, so the original one (or {@code admin}) is kept as {@code authSource}.
	 * @param uri e.g. {@code mongodb://localhost:32768/test?replicaSet=rs0}
	 * @param database e.g. {@code infrapm-risk}
	 * @return e.g. {@code mongodb://localhost:32768/infrapm-risk?replicaSet=rs0}
	 */
	public static String withDatabase(String uri, String database) {
		int schemeEnd = uri.indexOf("://");
		if (schemeEnd < 0) {
			throw new IllegalArgumentException("Not a MongoDB connection string: " + uri);
		}
		int authorityStart = schemeEnd + 3;
		int queryStart = uri.indexOf('?', authorityStart);
		int pathStart = uri.indexOf('/', authorityStart);
		if (queryStart >= 0 && pathStart > queryStart) {
			pathStart = -1;
		}
		int authorityEnd = (pathStart >= 0) ? pathStart : (queryStart >= 0) ? queryStart : uri.length();
		String authority = uri.substring(authorityStart, authorityEnd);
		String originalDatabase = (pathStart >= 0)
				? uri.substring(pathStart + 1, (queryStart >= 0) ? queryStart : uri.length()) : "";
		String query = (queryStart >= 0) ? uri.substring(queryStart + 1) : "";
		boolean hasCredentials = authority.contains("@");
		if (hasCredentials && !hasOption(query, "authSource")) {
			String authSource = originalDatabase.isEmpty() ? "admin" : originalDatabase;
			query = query.isEmpty() ? "authSource=" + authSource : query + "&authSource=" + authSource;
		}
		return uri.substring(0, authorityStart) + authority + "/" + database + (query.isEmpty() ? "" : "?" + query);
	}

	private static boolean hasOption(String query, String name) {
		for (String option : query.split("&")) {
			if (option.regionMatches(true, 0, name + "=", 0, name.length() + 1)) {
				return true;
			}
		}
		return false;
	}

}
