package dev.refreshserver.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests the JDK's client refuses to send: any bytes as
 * the request line, headers and body (NUL, non-UTF-8, broken framing, oversized headers). One
 * connection per request ({@code Connection: close} is the caller's to add); the response is
 * read as sent, de-chunked, with interim 1xx responses skipped.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/** A response as it came off the wire; {@code status} is -1 when the server closed without answering. */
	public record Response(int status, Map<String, String> headers, byte[] body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			String text = text();
			return this.status + " " + this.headers + " "
					+ ((text.length() > 500) ? text.substring(0, 500) + "..." : text);
		}
	}

	public Response exchange(byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
				socket.shutdownOutput();
			}
			catch (SocketException ex) {
				// the server may answer (e.g. 413) and close before reading all of an oversized request
			}
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Response read(InputStream in) throws IOException {
		while (true) {
			String statusLine;
			try {
				statusLine = line(in);
			}
			catch (SocketException ex) {
				return new Response(-1, Map.of(), new byte[0]);
			}
			if (statusLine == null || statusLine.isEmpty()) {
				return new Response(-1, Map.of(), new byte[0]);
			}
			if (!statusLine.matches("HTTP/1\\.[01] \\d{3}( .*)?")) {
				// not an HTTP/1.x response at all: report it whole, as the body of a status 0
				byte[] rest = in.readAllBytes();
				return new Response(0, Map.of(), (statusLine + "\n" + new String(rest, StandardCharsets.ISO_8859_1))
					.getBytes(StandardCharsets.UTF_8));
			}
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
				int colon = header.indexOf(':');
				headers.merge(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						header.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
			}
			if (status >= 100 && status < 200) {
				continue;
			}
			return new Response(status, headers, body(in, headers));
		}
	}

	private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			for (String size = line(in); size != null; size = line(in)) {
				int length = Integer.parseInt(size.split(";")[0].trim(), 16);
				if (length == 0) {
					break;
				}
				body.write(in.readNBytes(length));
				line(in);
			}
			return body.toByteArray();
		}
		if (headers.containsKey("content-length")) {
			return in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		try {
			return in.readAllBytes();
		}
		catch (SocketException ex) {
			return new byte[0];
		}
	}

	/** One CRLF-terminated line, or null at the end of the stream. */
	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
			}
			line.write(b);
		}
		return (line.size() == 0) ? null : line.toString(StandardCharsets.ISO_8859_1);
	}
}
