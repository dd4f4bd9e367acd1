package dev.refreshserver.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

import dev.refreshserver.keys.SigningKeys;

/**
 * JWT access tokens per RFC 9068 ({@code typ: at+jwt}), signed with the current key. Each
 * carries {@code sid}, the id of the token family it was issued from, so that introspection
 * can report it inactive once the family is revoked.
 */
@Component
public class AccessTokens {

	public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

	public static final String FAMILY_CLAIM = "sid";

	private final SigningKeys keys;

	private final JwtSigner signer;

	private final IssuerResolver issuer;

	private final Clock clock;

	public AccessTokens(SigningKeys keys, JwtSigner signer, IssuerResolver issuer, Clock clock) {
		this.keys = keys;
		this.signer = signer;
		this.issuer = issuer;
		this.clock = clock;
	}

	/**
	 * @param familyId the token family the access token belongs to, or null for grants that
	 * have none (client credentials)
	 */
	public OAuth2AccessToken issue(RegisteredClient client, String subject, Set<String> scope, String familyId,
			Duration ttl) {
		Instant issuedAt = this.clock.instant();
		Instant expiresAt = issuedAt.plus(ttl);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer.issuer())
			.subject(subject)
			.audience(client.getClientId())
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", client.getClientId());
		if (!scope.isEmpty()) {
			claims.claim("scope", String.join(" ", scope));
		}
		if (familyId != null) {
			claims.claim(FAMILY_CLAIM, familyId);
		}
		SignedJWT jwt = this.signer.sign(AT_JWT, claims.build());
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, jwt.serialize(), issuedAt, expiresAt, scope);
	}

	/**
	 * The same access token issued already expired (its {@code exp} a minute ago, its lifetime
	 * unchanged): for clients that must cope with a token a resource server refuses.
	 */
	public OAuth2AccessToken expired(OAuth2AccessToken token) {
		try {
			JWTClaimsSet claims = SignedJWT.parse(token.getTokenValue()).getJWTClaimsSet();
			Duration ttl = Duration.between(token.getIssuedAt(), token.getExpiresAt());
			Instant expiresAt = this.clock.instant().minus(Duration.ofMinutes(1));
			Instant issuedAt = expiresAt.minus(ttl);
			SignedJWT jwt = this.signer.sign(AT_JWT, new JWTClaimsSet.Builder(claims).issueTime(Date.from(issuedAt))
				.expirationTime(Date.from(expiresAt))
				.jwtID(UUID.randomUUID().toString())
				.build());
			return new OAuth2AccessToken(token.getTokenType(), jwt.serialize(), issuedAt, expiresAt, token.getScopes());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Re-signing the access token failed", ex);
		}
	}

	/**
	 * The claims of an access token this server signed, if its signature verifies with one
	 * of our keys and it has not expired; empty for anything else, including garbage.
	 */
	public Optional<JWTClaimsSet> verify(String token) {
		SignedJWT jwt = parse(token);
		if (jwt == null) {
			return Optional.empty();
		}
		try {
			if (!AT_JWT.equals(jwt.getHeader().getType())) {
				return Optional.empty();
			}
			JWK key = this.keys.all().getKeyByKeyId(jwt.getHeader().getKeyID());
			if (key == null || !jwt.verify(verifier(jwt.getHeader(), key))) {
				return Optional.empty();
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Date expiry = claims.getExpirationTime();
			if (expiry == null || !this.clock.instant().isBefore(expiry.toInstant())) {
				return Optional.empty();
			}
			return Optional.of(claims);
		}
		catch (ParseException | JOSEException | RuntimeException ex) {
			// the header chooses the verifier: a key of another type or algorithm is refused here
			return Optional.empty();
		}
	}

	/**
	 * The token as a signed JWT, or null for anything that is not one. Nimbus reports most
	 * garbage as a {@link ParseException}, but a part that decodes to JSON {@code null} or to
	 * something other than an object escapes as a runtime exception, so every failure counts.
	 */
	private static SignedJWT parse(String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			jwt.getJWTClaimsSet();
			return jwt;
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	private static JWSVerifier verifier(JWSHeader header, JWK key) throws JOSEException {
		if (key instanceof OctetKeyPair okp) {
			return new Ed25519Verifier(okp.toPublicJWK());
		}
		return new DefaultJWSVerifierFactory().createJWSVerifier(header, ((AsymmetricJWK) key).toPublicKey());
	}
}
