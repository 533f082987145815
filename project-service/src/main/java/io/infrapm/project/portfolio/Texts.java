package io.infrapm.project.portfolio;

/**
 * How the aggregate keeps free text: stripped, and blank as absent.
 */
final class Texts {

	private Texts() {
	}

	/**
	 * A text as kept.
	 * @param text the text as given, or {@code null}
	 * @return the text stripped, or {@code null} if it is blank or absent
	 */
	static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
