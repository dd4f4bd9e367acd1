package dev.refreshserver.protocol;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's character rules, checked by a loop, accept exactly what Spring Security's
 * default expressions accept: every code point alone, and random strings mixing the edges.
 */
class RequestFirewallTest {

	/** Spring Security's defaults for header names and parameter names, and for header values. */
	private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern HEADER_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void everyCodePointIsJudgedAsTheDefaultExpressionsJudgeIt() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			assertSameVerdicts(new String(Character.toChars(codePoint)));
		}
		// a lone surrogate, as a malformed header decodes to
		assertSameVerdicts("a\uD800b");
		assertSameVerdicts("\uDC00");
	}

	@Test
	void stringsMixingAllowedAndRefusedCharactersAreJudgedAlike() {
		int[] pool = { 'a', 'Z', '0', ' ', '~', '\t', '\n', '\r', 0, 0x7f, 0x85, 0xA0, 0xE9, 0x378, 0xD800, 0xDC00,
				0x1F600, 0xE0001, 0x10FFFF, 0xFFFF, 0x2028 };
		SplittableRandom random = new SplittableRandom(20261127);
		for (int i = 0; i < 100_000; i++) {
			StringBuilder value = new StringBuilder();
			for (int n = random.nextInt(6); n > 0; n--) {
				value.appendCodePoint(pool[random.nextInt(pool.length)]);
			}
			assertSameVerdicts(value.toString());
		}
	}

	private static void assertSameVerdicts(String value) {
		assertThat(RequestFirewall.isAssignedAndNotControl(value)).as("name %s", escaped(value))
			.isEqualTo(NAMES.matcher(value).matches());
		assertThat(RequestFirewall.isHeaderValue(value)).as("header value %s", escaped(value))
			.isEqualTo(HEADER_VALUES.matcher(value).matches());
	}

	private static String escaped(String value) {
		StringBuilder out = new StringBuilder();
		value.chars().forEach((c) -> out.append(String.format("\\u%04x", c)));
		return out.toString();
	}
}
