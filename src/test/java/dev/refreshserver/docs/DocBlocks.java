package dev.refreshserver.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable shell blocks of a Markdown page: a {@code ```sh} block right after the line
 * {@code <!-- doc-test: SWITCHES -->} (SWITCHES: how the page says to start the server for
 * it). Each block is split into steps: a command (with its {@code \} continuation lines) and
 * the {@code # {...}} comment lines right under it, which show the shape of its output. A
 * {@code ```json} block right after a runnable block is the output of its last command.
 */
final class DocBlocks {

	private static final Pattern MARKER = Pattern.compile("^<!--\\s*doc-test(?::(.*?))?\\s*-->\\s*$");

	private DocBlocks() {
	}

	/** A command and the expected shape of its output (null when the page shows none). */
	record Step(String command, String expected, int line) {
	}

	/** One runnable block: where it is, the server switches it needs, and its steps. */
	record Block(int line, String switches, List<Step> steps) {
	}

	static List<Block> parse(String markdown) {
		List<String> lines = markdown.lines().toList();
		List<Block> blocks = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher marker = MARKER.matcher(lines.get(i).trim());
			if (!marker.matches()) {
				continue;
			}
			if (i + 1 >= lines.size() || !lines.get(i + 1).trim().equals("```sh")) {
				throw new IllegalArgumentException("line " + (i + 1) + ": a doc-test marker must be followed by a ```sh block");
			}
			int start = i + 2;
			int end = start;
			while (end < lines.size() && !lines.get(end).trim().equals("```")) {
				end++;
			}
			List<Step> steps = steps(lines.subList(start, end), start + 1);
			int after = end + 1;
			if (after < lines.size() && lines.get(after).trim().equals("```json") && !steps.isEmpty()) {
				int close = after + 1;
				StringBuilder json = new StringBuilder();
				while (close < lines.size() && !lines.get(close).trim().equals("```")) {
					json.append(lines.get(close)).append('\n');
					close++;
				}
				Step last = steps.remove(steps.size() - 1);
				steps.add(new Step(last.command(), json.toString().trim(), last.line()));
			}
			String switches = (marker.group(1) != null) ? marker.group(1).trim() : "";
			blocks.add(new Block(i + 1, switches, steps));
			i = end;
		}
		return blocks;
	}

	private static List<Step> steps(List<String> lines, int firstLine) {
		List<Step> steps = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			String line = lines.get(i);
			if (line.isBlank() || line.trim().startsWith("#")) {
				i++;
				continue;
			}
			int commandLine = firstLine + i;
			StringBuilder command = new StringBuilder(line);
			while (line.endsWith("\\") && i + 1 < lines.size()) {
				line = lines.get(++i);
				command.append('\n').append(line);
			}
			i++;
			String expected = null;
			if (i < lines.size() && isExpectation(lines.get(i))) {
				expected = lines.get(i).trim().substring(1).trim();
				i++;
			}
			steps.add(new Step(command.toString(), expected, commandLine));
		}
		return steps;
	}

	private static boolean isExpectation(String line) {
		String trimmed = line.trim();
		return trimmed.startsWith("# {") || trimmed.startsWith("# [");
	}
}
