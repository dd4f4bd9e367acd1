package dev.refreshserver.docs;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The doc test itself: it finds the marked blocks, and a broken command or a changed shape fails it. */
class DocScriptTest {

	@TempDir
	Path directory;

	@Test
	void findsOnlyMarkedBlocksWithTheirSwitchesAndExpectedOutputs() {
		List<DocBlocks.Block> blocks = DocBlocks.parse("""
				```sh
				echo not marked
				```
				<!-- doc-test: --refresh.profile=webex -->
				```sh
				# a comment, not an expectation
				echo '{"a":1}' \\
				  | cat
				# {"a":1}
				X=2
				```
				<!-- doc-test -->
				```sh
				echo '{"b":"c"}'
				```
				```json
				{"b": "c"}
				```
				""");
		assertThat(blocks).hasSize(2);
		assertThat(blocks.get(0).switches()).isEqualTo("--refresh.profile=webex");
		assertThat(blocks.get(0).steps()).extracting(DocBlocks.Step::expected).containsExactly("{\"a\":1}", null);
		assertThat(blocks.get(0).steps().get(0).command()).contains("| cat");
		assertThat(blocks.get(1).switches()).isEmpty();
		assertThat(blocks.get(1).steps().get(0).expected()).isEqualTo("{\"b\": \"c\"}");
	}

	@Test
	void outputOfTheShownShapePasses() throws Exception {
		assertThat(run("""
				echo '{"access_token":"x","token_type":"Bearer","expires_in":600}'
				# {"access_token":"eyJ...","token_type":"Bearer","expires_in":600}
				V=$(echo '{"error":"invalid_grant","error_description":"d","error_uri":"u"}')
				echo "$V"
				# {"error":"invalid_grant","error_description":"...",...}
				echo '{bcrypt}$2a$10$abc'
				# {bcrypt}$2a$10$...
				""")).isEmpty();
	}

	@Test
	void aChangedShapeFails() throws Exception {
		assertThat(run("""
				echo '{"access_token":"x","token_type":"Bearer"}'
				# {"access_token":"eyJ...","token_type":"Bearer","expires_in":600}
				""")).singleElement().asString().contains("expected the keys");
		assertThat(run("""
				echo '{"error":"invalid_client"}'
				# {"error":"invalid_grant",...}
				""")).singleElement().asString().contains("expected error");
		assertThat(run("""
				echo 'not json'
				# {"a":1}
				""")).singleElement().asString().contains("expected JSON");
	}

	@Test
	void aBrokenCommandFails() throws Exception {
		assertThat(run("""
				curl -s --fail localhost:1/nothing
				# {"a":1}
				""")).singleElement().asString().contains("a command failed");
	}

	private List<String> run(String commands) throws Exception {
		return DocScript.run("test.md", DocBlocks.parse("<!-- doc-test -->\n```sh\n" + commands + "```\n"),
				this.directory, 9000);
	}
}
