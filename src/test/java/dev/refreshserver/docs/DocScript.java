package dev.refreshserver.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the steps of runnable blocks with bash, as one script (so a variable set in one block is
 * there in the next), in {@code workingDirectory}, with {@code localhost:9000} of the page
 * pointing at the test's server. Stops at the first failing command ({@code set -e}); then
 * compares each step's output with the shape the page shows.
 */
final class DocScript {

	private DocScript() {
	}

	/** @return every problem found, each naming the page line of its command; empty when all hold */
	static List<String> run(String page, List<DocBlocks.Block> blocks, Path workingDirectory, int port)
			throws IOException, InterruptedException {
		Path outputs = Files.createDirectories(workingDirectory.resolve(".doc-test"));
		StringBuilder script = new StringBuilder("set -euo pipefail\n");
		List<DocBlocks.Step> steps = new ArrayList<>();
		for (DocBlocks.Block block : blocks) {
			for (DocBlocks.Step step : block.steps()) {
				int n = steps.size();
				steps.add(step);
				String command = step.command().replace("localhost:9000", "localhost:" + port);
				script.append("echo '>>> ").append(page).append(':').append(step.line()).append("' >&2\n");
				script.append("{\n").append(command).append("\n} > '").append(outputs.resolve(n + ".out")).append("'\n");
			}
		}
		script.append("echo '>>> done' >&2\n");
		Path file = outputs.resolve("script.sh");
		Files.writeString(file, script);
		Process bash = new ProcessBuilder("bash", file.toString()).directory(workingDirectory.toFile())
			.redirectErrorStream(false)
			.redirectOutput(outputs.resolve("stdout.txt").toFile())
			.redirectError(outputs.resolve("stderr.txt").toFile())
			.start();
		List<String> problems = new ArrayList<>();
		if (!bash.waitFor(300, TimeUnit.SECONDS)) {
			bash.destroyForcibly();
			problems.add(page + ": the commands did not finish within 5 minutes");
		}
		else if (bash.exitValue() != 0) {
			String stderr = Files.readString(outputs.resolve("stderr.txt"), StandardCharsets.UTF_8);
			problems.add(page + ": a command failed with status " + bash.exitValue() + "; its trace:\n" + stderr);
		}
		for (int n = 0; n < steps.size() && problems.isEmpty(); n++) {
			DocBlocks.Step step = steps.get(n);
			if (step.expected() == null) {
				continue;
			}
			Path output = outputs.resolve(n + ".out");
			String mismatch = Files.exists(output)
					? OutputShape.mismatch(step.expected(), Files.readString(output, StandardCharsets.UTF_8))
					: "the command did not run";
			if (mismatch != null) {
				problems.add(page + ":" + step.line() + ": " + mismatch);
			}
		}
		return problems;
	}
}
