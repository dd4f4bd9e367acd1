package dev.refreshserver.support;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A small seeded source of test data for fuzzing: one {@link SplittableRandom} and the few
 * combinators the generators need. The same seed and stream name give the same sequence of
 * choices, so a run is replayed with {@code -Dfuzz.seed=<n>}.
 *
 * <p>Like a property-testing library, ranges return one of their edges now and then (1 time in
 * 16), so limits and empty values come up more often than uniform choice would make them.
 */
public final class Fuzz {

	private final SplittableRandom random;

	private Fuzz(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/** The run's seed: the value of {@code -Dfuzz.seed} if given, otherwise a random one. */
	public static long seed() {
		String given = System.getProperty("fuzz.seed", "").trim();
		return given.isEmpty() ? new SplittableRandom().nextLong() : Long.parseLong(given);
	}

	/**
	 * The stream of choices named {@code name} in the run with {@code seed}: it depends on these
	 * two only, not on which other streams ran before it or in which order.
	 */
	public static Fuzz stream(long seed, String name) {
		return new Fuzz(mix(seed ^ mix(name.hashCode())));
	}

	/** From {@code min} to {@code max}, both included. */
	public int between(int min, int max) {
		int edge = this.random.nextInt(32);
		if (edge == 0) {
			return min;
		}
		if (edge == 1) {
			return max;
		}
		return uniform(min, max);
	}

	/** From 0 to 1; now and then exactly 0 or 1. */
	public double fraction() {
		int edge = this.random.nextInt(32);
		if (edge < 2) {
			return edge;
		}
		return this.random.nextDouble();
	}

	public boolean bool() {
		return this.random.nextBoolean();
	}

	/** One of {@code choices}, each as likely (a value listed twice is twice as likely). */
	@SafeVarargs
	public final <T> T oneOf(T... choices) {
		return choices[this.random.nextInt(choices.length)];
	}

	/** One of the weighted suppliers, chosen in proportion to its weight, then called. */
	@SafeVarargs
	public final <T> T frequency(Weighted<T>... choices) {
		int total = 0;
		for (Weighted<T> choice : choices) {
			total += choice.weight();
		}
		int pick = this.random.nextInt(total);
		for (Weighted<T> choice : choices) {
			pick -= choice.weight();
			if (pick < 0) {
				return choice.value().get();
			}
		}
		throw new IllegalStateException("unreachable");
	}

	/** A choice for {@link #frequency}. */
	public static <T> Weighted<T> weighted(int weight, Supplier<T> value) {
		return new Weighted<>(weight, value);
	}

	/** {@code minSize} to {@code maxSize} elements, each from {@code element}. */
	public <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
		int size = between(minSize, maxSize);
		List<T> list = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			list.add(element.get());
		}
		return list;
	}

	/** Characters from {@code from} to {@code to}. */
	public String string(int minLength, int maxLength, char from, char to) {
		int length = between(minLength, maxLength);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) uniform(from, to));
		}
		return text.toString();
	}

	/**
	 * Any characters: mostly printable ASCII, also control characters (NUL among them), Latin-1,
	 * the rest of the Basic Multilingual Plane including lone surrogate halves, and a few
	 * troublemakers (U+FEFF, U+FFFD, U+FFFF, U+2028).
	 */
	public String string(int minLength, int maxLength) {
		int length = between(minLength, maxLength);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(anyChar());
		}
		return text.toString();
	}

	private char anyChar() {
		return switch (this.random.nextInt(10)) {
			case 0, 1, 2, 3 -> (char) uniform(' ', '~');
			case 4 -> (char) ((this.random.nextInt(33) == 32) ? 0x7f : this.random.nextInt(32));
			case 5, 6 -> (char) uniform(0x80, 0xff);
			case 7, 8 -> (char) this.random.nextInt(0x10000);
			default -> oneOf('\u0000', '\ufeff', '\ufffd', '\uffff', '\u2028', '\ud800', '\udfff');
		};
	}

	/** Any bytes. */
	public byte[] bytes(int minSize, int maxSize) {
		byte[] bytes = new byte[between(minSize, maxSize)];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private int uniform(int min, int max) {
		return (int) this.random.nextLong(min, (long) max + 1);
	}

	/** The finalizer of MurmurHash3: nearby seeds give unrelated streams. */
	private static long mix(long z) {
		z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
		z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
		return z ^ (z >>> 33);
	}

	public record Weighted<T>(int weight, Supplier<T> value) {
	}

}
