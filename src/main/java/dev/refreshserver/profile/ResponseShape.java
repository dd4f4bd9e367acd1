package dev.refreshserver.profile;

/**
 * How a profile's token response differs from RFC 6749 §5.1.
 *
 * @param tokenType the spelling of {@code token_type} ({@code Bearer} or {@code bearer})
 * @param includeScope whether {@code scope} is returned (even when empty)
 * @param refreshTokenExpiresIn adds {@code refresh_token_expires_in}, seconds the refresh token lives
 * @param createdAt adds {@code created_at}, the issue time as {@code 2020-12-21T23:08:22} (UTC)
 * @param claims adds {@code claims} with this value (Pagero's {@code "publicid"}); null for none
 * @param expiresInAsString writes {@code expires_in} as a string, as webMethods documents it
 */
public record ResponseShape(String tokenType, Boolean includeScope, Boolean refreshTokenExpiresIn,
		Boolean createdAt, String claims, Boolean expiresInAsString) {

	public static final ResponseShape RFC6749 = new ResponseShape(null, null, null, null, null, null);

	/** Where a grant result carries the shape of its one response, when it is not the client's usual one. */
	public static final String PARAMETER = ResponseShape.class.getName();

	public ResponseShape {
		tokenType = (tokenType != null) ? tokenType : "Bearer";
		includeScope = (includeScope != null) ? includeScope : Boolean.TRUE;
		refreshTokenExpiresIn = (refreshTokenExpiresIn != null) ? refreshTokenExpiresIn : Boolean.FALSE;
		createdAt = (createdAt != null) ? createdAt : Boolean.FALSE;
		expiresInAsString = (expiresInAsString != null) ? expiresInAsString : Boolean.FALSE;
	}

	public ResponseShape withExpiresInAsString() {
		return new ResponseShape(this.tokenType, this.includeScope, this.refreshTokenExpiresIn, this.createdAt,
				this.claims, true);
	}
}
