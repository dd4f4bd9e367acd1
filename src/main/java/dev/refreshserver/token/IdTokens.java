package dev.refreshserver.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

import dev.refreshserver.keys.SigningKeys;
import dev.refreshserver.store.FamilyLogin;

/**
 * OpenID Connect ID tokens (Core §2), signed like access tokens. The code grant's carries the
 * {@code nonce} of the authorization request; a refreshed one (Core §12.2) has the same
 * {@code iss}, {@code sub}, {@code aud}, {@code azp} and {@code auth_time} and a new {@code iat},
 * and no {@code nonce}. {@code azp} is always the client, as Spring Authorization Server sends it.
 * The user's claims that the scope releases ({@link UserClaims}) are in the ID token too, so a
 * client that never calls userinfo still has the user's name.
 */
@Component
public class IdTokens {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final JwtSigner signer;

	private final IssuerResolver issuer;

	private final UserClaims users;

	private final Clock clock;

	public IdTokens(JwtSigner signer, IssuerResolver issuer, UserClaims users, Clock clock) {
		this.signer = signer;
		this.issuer = issuer;
		this.users = users;
		this.clock = clock;
	}

	/** Whether a grant of this scope gets ID tokens: OpenID Connect requests always include {@code openid}. */
	public static boolean isOpenId(Set<String> scope) {
		return scope.contains(OidcScopes.OPENID);
	}

	/**
	 * The scope of a request that names none (RFC 6749 §3.3: the client's registered scopes), less
	 * {@code openid}: OpenID Connect is asked for explicitly (Core §3.1.2.1), never implied.
	 */
	public static Set<String> impliedScope(Set<String> registered) {
		Set<String> scope = new LinkedHashSet<>(registered);
		scope.remove(OidcScopes.OPENID);
		return scope;
	}

	/**
	 * An ID token issued alongside {@code accessToken}, expiring with it.
	 * @param login when the user logged in, and the claims a dev-mode login brought
	 * @param nonce the authorization request's nonce, or null (always null on a refresh)
	 */
	public String issue(String clientId, String subject, Set<String> scope, FamilyLogin login, String nonce,
			OAuth2AccessToken accessToken) {
		SigningKeys.Signing signing = this.signer.current();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
		this.users.of(subject, scope, login.claims()).forEach(claims::claim);
		claims.issuer(this.issuer.issuer())
			.subject(subject)
			.audience(clientId)
			.claim(IdTokenClaimNames.AZP, clientId)
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(accessToken.getExpiresAt()))
			.claim(IdTokenClaimNames.AUTH_TIME, login.authTime().getEpochSecond())
			.claim(IdTokenClaimNames.AT_HASH, accessTokenHash(accessToken.getTokenValue(), signing.algorithm()));
		if (nonce != null) {
			claims.claim(IdTokenClaimNames.NONCE, nonce);
		}
		return this.signer.sign(signing, JOSEObjectType.JWT, claims.build()).serialize();
	}

	/** The same ID token with claims changed and signed again (for the control plane's faults). */
	public String resigned(String idToken, UnaryOperator<JWTClaimsSet.Builder> change) {
		try {
			JWTClaimsSet claims = SignedJWT.parse(idToken).getJWTClaimsSet();
			return this.signer.sign(JOSEObjectType.JWT, change.apply(new JWTClaimsSet.Builder(claims)).build())
				.serialize();
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Not an ID token of this server", ex);
		}
	}

	/** The same ID token whose signature no longer verifies: its first signature byte flipped. */
	public static String withBrokenSignature(String idToken) {
		int lastDot = idToken.lastIndexOf('.');
		byte[] signature = new Base64URL(idToken.substring(lastDot + 1)).decode();
		signature[0] ^= 0x01;
		return idToken.substring(0, lastDot + 1) + Base64URL.encode(signature);
	}

	/**
	 * {@code at_hash} (Core §3.1.3.6): the left half of the hash of the access token, with the hash
	 * of the signing algorithm ({@code RS256}, {@code ES256}, {@code PS256}: SHA-256; Ed25519:
	 * SHA-512, as Nimbus computes it).
	 */
	static String accessTokenHash(String accessToken, JWSAlgorithm algorithm) {
		String name = algorithm.getName();
		String hash = name.endsWith("384") ? "SHA-384" : (name.endsWith("512") || JWSAlgorithm.EdDSA.equals(algorithm)
				|| JWSAlgorithm.Ed25519.equals(algorithm)) ? "SHA-512" : "SHA-256";
		try {
			byte[] digest = MessageDigest.getInstance(hash).digest(accessToken.getBytes(StandardCharsets.US_ASCII));
			return BASE64URL.encodeToString(Arrays.copyOf(digest, digest.length / 2));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(hash + " is required of every JRE", ex);
		}
	}
}
