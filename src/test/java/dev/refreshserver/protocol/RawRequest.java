package dev.refreshserver.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request as bytes on the wire, as the fuzz suite builds it: any method and request target,
 * headers whose values may hold any bytes, and a body framed by Content-Length or chunked.
 */
record RawRequest(String method, String target, List<Map.Entry<String, byte[]>> headers, byte[] body,
		int chunkSize) {

	static final String[] ENDPOINTS = { "/oauth2/token", "/oauth2/revoke", "/oauth2/introspect" };

	RawRequest withHeader(String name, String value) {
		return withHeader(name, value.getBytes(StandardCharsets.ISO_8859_1));
	}

	RawRequest withHeader(String name, byte[] value) {
		List<Map.Entry<String, byte[]>> more = new ArrayList<>(this.headers);
		more.add(Map.entry(name, value));
		return new RawRequest(this.method, this.target, more, this.body, this.chunkSize);
	}

	RawRequest withBody(byte[] body) {
		return new RawRequest(this.method, this.target, this.headers, body, this.chunkSize);
	}

	RawRequest withTarget(String target) {
		return new RawRequest(this.method, target, this.headers, this.body, this.chunkSize);
	}

	RawRequest withMethod(String method) {
		return new RawRequest(method, this.target, this.headers, this.body, this.chunkSize);
	}

	/** With {@code Connection: close}, the body framed by Content-Length, or chunked when {@code chunkSize > 0}. */
	byte[] bytes() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(this.body.length + 512);
		out.writeBytes((this.method + " " + this.target + " HTTP/1.1\r\nHost: localhost\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		for (Map.Entry<String, byte[]> header : this.headers) {
			out.writeBytes((header.getKey() + ": ").getBytes(StandardCharsets.ISO_8859_1));
			out.writeBytes(header.getValue());
			out.writeBytes(CRLF);
		}
		out.writeBytes("Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
		if (this.chunkSize > 0) {
			out.writeBytes("Transfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			for (int start = 0; start < this.body.length; start += this.chunkSize) {
				int length = Math.min(this.chunkSize, this.body.length - start);
				out.writeBytes(Integer.toHexString(length).getBytes(StandardCharsets.ISO_8859_1));
				out.writeBytes(CRLF);
				out.write(this.body, start, length);
				out.writeBytes(CRLF);
			}
			out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		}
		else {
			out.writeBytes(("Content-Length: " + this.body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.writeBytes(this.body);
		}
		return out.toByteArray();
	}

	@Override
	public String toString() {
		String text = new String(bytes(), StandardCharsets.ISO_8859_1);
		return (text.length() > 1500) ? text.substring(0, 1500) + "... (" + text.length() + " bytes)" : text;
	}

	private static final byte[] CRLF = { '\r', '\n' };
}
