package io.infrapm.embedded;

import java.util.List;

/**
 * The few lines of JSON the mailbox API writes. A JSON library would be one more
 * dependency on every service's test class path for six fields.
 */
final class Json {

	private Json() {
	}

	static String mails(List<ReceivedMail> mails) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < mails.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			json.append('\n');
			mail(json, mails.get(i));
		}
		return json.append(mails.isEmpty() ? "]" : "\n]").append('\n').toString();
	}

	private static void mail(StringBuilder json, ReceivedMail mail) {
		json.append("  {\"messageId\":");
		string(json, mail.messageId());
		json.append(",\"from\":");
		string(json, mail.from());
		json.append(",\"recipients\":[");
		for (int i = 0; i < mail.recipients().size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			string(json, mail.recipients().get(i));
		}
		json.append("],\"subject\":");
		string(json, mail.subject());
		json.append(",\"body\":");
		string(json, mail.body());
		json.append(",\"receivedAt\":");
		string(json, mail.receivedAt().toString());
		json.append('}');
	}

	static void string(StringBuilder json, String value) {
		if (value == null) {
			json.append("null");
			return;
		}
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				default -> {
					// Other control characters must be escaped; U+2028/2029 too, so the
					// output is also safe to paste into JavaScript.
					if (c < 0x20 || c == '\u2028' || c == '\u2029') {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
