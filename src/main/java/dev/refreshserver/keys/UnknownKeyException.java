package dev.refreshserver.keys;

/** No key with this id is in {@code keys/jwks.json}. */
public class UnknownKeyException extends IllegalArgumentException {

	public UnknownKeyException(String kid) {
		super("No signing key with kid '" + kid + "'");
	}
}
