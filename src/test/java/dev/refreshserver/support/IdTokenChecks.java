package dev.refreshserver.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

/** ID tokens checked as a relying party checks them: Nimbus oauth2-oidc-sdk's validator. */
public final class IdTokenChecks {

	private IdTokenChecks() {
	}

	/** A validator for {@code clientId}'s RS256 ID tokens from this server, with its current JWKS. */
	public static IDTokenValidator validator(ServerHttp http, String clientId) {
		try {
			return new IDTokenValidator(new Issuer(http.base()), new ClientID(clientId), JWSAlgorithm.RS256,
					JWKSet.parse(http.get("/oauth2/jwks").body()));
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException("The JWKS does not parse", ex);
		}
	}
}
