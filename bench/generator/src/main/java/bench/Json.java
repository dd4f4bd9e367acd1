package bench;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** A small pretty-printing JSON writer for Maps, Collections, Strings, Numbers, Booleans and null. */
final class Json {

	private Json() {
	}

	static String write(Object o) {
		StringBuilder b = new StringBuilder();
		write(b, o, 0);
		return b.append('\n').toString();
	}

	private static void write(StringBuilder b, Object o, int indent) {
		if (o == null) {
			b.append("null");
		}
		else if (o instanceof Map<?, ?> m) {
			if (m.isEmpty()) {
				b.append("{}");
				return;
			}
			b.append("{\n");
			Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
			while (it.hasNext()) {
				Map.Entry<?, ?> e = it.next();
				pad(b, indent + 1);
				string(b, String.valueOf(e.getKey()));
				b.append(": ");
				write(b, e.getValue(), indent + 1);
				b.append(it.hasNext() ? ",\n" : "\n");
			}
			pad(b, indent);
			b.append('}');
		}
		else if (o instanceof Collection<?> c) {
			if (c.isEmpty()) {
				b.append("[]");
				return;
			}
			boolean simple = c.stream().allMatch(x -> x == null || x instanceof Number || x instanceof String);
			b.append(simple ? "[" : "[\n");
			Iterator<?> it = c.iterator();
			while (it.hasNext()) {
				if (!simple) {
					pad(b, indent + 1);
				}
				write(b, it.next(), indent + 1);
				if (it.hasNext()) {
					b.append(simple ? ", " : ",\n");
				}
			}
			if (!simple) {
				b.append('\n');
				pad(b, indent);
			}
			b.append(']');
		}
		else if (o instanceof Double d) {
			b.append(d.isNaN() || d.isInfinite() ? "null" : (d == Math.rint(d) && Math.abs(d) < 1e15)
					? Long.toString(d.longValue()) : d.toString());
		}
		else if (o instanceof Number || o instanceof Boolean) {
			b.append(o);
		}
		else {
			string(b, o.toString());
		}
	}

	private static void pad(StringBuilder b, int indent) {
		b.append("  ".repeat(indent));
	}

	private static void string(StringBuilder b, String s) {
		b.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> b.append("\\\"");
				case '\\' -> b.append("\\\\");
				case '\n' -> b.append("\\n");
				case '\r' -> b.append("\\r");
				case '\t' -> b.append("\\t");
				default -> {
					if (c < 0x20) {
						b.append(String.format("\\u%04x", (int) c));
					}
					else {
						b.append(c);
					}
				}
			}
		}
		b.append('"');
	}
}
