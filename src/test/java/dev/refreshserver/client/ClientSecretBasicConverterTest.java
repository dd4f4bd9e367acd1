package dev.refreshserver.client;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Basic header is split exactly as {@code String.split("\\s")}, which Spring Authorization Server uses. */
class ClientSecretBasicConverterTest {

	@Test
	void splitsAsTheRegularExpressionSplits() {
		for (String header : List.of("Basic abc", "Basic  abc", "Basic abc ", "Basic", "Basic ", "Basic\tabc",
				"Basic\u000Babc\f", " Basic abc", "basic abc def", "Bearer x", "", " ", "  ", "\r\n", "a\u00A0b",
				"Basic\u2028abc", "Basic abc\n\n")) {
			assertThat(ClientSecretBasicConverter.splitAtWhitespace(header)).as("[%s]", header)
				.isEqualTo(Arrays.asList(header.split("\\s")));
		}
	}
}
