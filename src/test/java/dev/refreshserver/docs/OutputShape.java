package dev.refreshserver.docs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares what a command printed with what the page shows under it. A JSON object shown as
 * {@code {"a":"...","b":1}} means exactly these keys; ending in {@code ,...}} means at least
 * these. Values are compared where they say what kind of answer it is ({@code error},
 * {@code token_type}, {@code active}, {@code state}) and are not elided with {@code ...}.
 * Anything else shown (e.g. {@code {bcrypt}$2a$10$...}) must be a prefix of the output, up to
 * its {@code ...}.
 */
final class OutputShape {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> COMPARED_VALUES = Set.of("error", "token_type", "active", "state");

	private OutputShape() {
	}

	/** @return what is wrong, or null when the output has the shape shown */
	static String mismatch(String expected, String actual) {
		String output = actual.trim();
		if (!expected.startsWith("{\"")) {
			String prefix = expected.contains("...") ? expected.substring(0, expected.indexOf("...")) : expected;
			return output.startsWith(prefix) ? null : "expected output starting with " + prefix + " but got " + output;
		}
		JsonNode json;
		try {
			json = JSON.readTree(output);
		}
		catch (JacksonException ex) {
			return "expected JSON like " + expected + " but got " + output;
		}
		if (json == null || !json.isObject()) {
			return "expected a JSON object like " + expected + " but got " + output;
		}
		Map<String, String> shown = topLevel(expected);
		List<String> names = new ArrayList<>();
		for (Iterator<String> it = json.propertyNames().iterator(); it.hasNext();) {
			names.add(it.next());
		}
		boolean atLeast = expected.replaceAll("\\s", "").endsWith(",...}");
		if (!names.containsAll(shown.keySet()) || (!atLeast && !shown.keySet().containsAll(names))) {
			return "expected the keys " + shown.keySet() + (atLeast ? " (at least)" : "") + " but got " + output;
		}
		for (Map.Entry<String, String> entry : shown.entrySet()) {
			String value = entry.getValue();
			if (COMPARED_VALUES.contains(entry.getKey()) && !value.contains("...")) {
				String actualValue = json.get(entry.getKey()).isString() ? "\"" + json.get(entry.getKey()).asString() + "\""
						: json.get(entry.getKey()).toString();
				if (!actualValue.equals(value)) {
					return "expected " + entry.getKey() + " = " + value + " but got " + output;
				}
			}
		}
		return null;
	}

	/** The top-level keys of a JSON-like object and the raw text of each value. */
	static Map<String, String> topLevel(String text) {
		Map<String, String> members = new LinkedHashMap<>();
		int depth = 0;
		boolean inString = false;
		StringBuilder token = new StringBuilder();
		String key = null;
		int valueStart = -1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (inString) {
				if (c == '\\') {
					token.append(c).append(text.charAt(++i));
					continue;
				}
				if (c == '"') {
					inString = false;
				}
				token.append(c);
				continue;
			}
			switch (c) {
				case '"' -> {
					inString = true;
					if (depth == 1 && valueStart < 0) {
						token.setLength(0);
					}
					token.append(c);
				}
				case '{', '[' -> depth++;
				case '}', ']' -> {
					if (depth == 1 && key != null) {
						members.put(key, text.substring(valueStart, i).trim());
						key = null;
					}
					depth--;
				}
				case ':' -> {
					if (depth == 1 && key == null) {
						String quoted = token.toString().trim();
						key = quoted.substring(1, quoted.length() - 1);
						valueStart = i + 1;
					}
				}
				case ',' -> {
					if (depth == 1 && key != null) {
						members.put(key, text.substring(valueStart, i).trim());
						key = null;
						valueStart = -1;
						token.setLength(0);
					}
				}
				default -> {
				}
			}
		}
		return members;
	}
}
