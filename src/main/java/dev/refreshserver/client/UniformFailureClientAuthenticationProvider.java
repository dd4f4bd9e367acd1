package dev.refreshserver.client;

import java.util.UUID;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;

import dev.refreshserver.protocol.OAuth2Errors;

/**
 * Wraps a client-authentication provider so that a failure tells nothing about whether the
 * client exists: every {@code invalid_client} gets one description (Spring Authorization
 * Server's descriptions name the part that failed, {@code client_id} or {@code client_secret}),
 * and, around the provider that checks secrets, a secret presented for an unknown client, or for
 * a client not registered for that method, is checked against a dummy password hash, so that it
 * costs the same slow hash as a wrong secret of a real client. Honest clients still go through
 * the delegate and its verification cache.
 */
public class UniformFailureClientAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final RegisteredClientRepository clients;

	private final PasswordEncoder passwordEncoder;

	private final String dummyHash;

	private UniformFailureClientAuthenticationProvider(AuthenticationProvider delegate,
			RegisteredClientRepository clients, PasswordEncoder passwordEncoder, String dummyHash) {
		Assert.notNull(delegate, "delegate cannot be null");
		this.delegate = delegate;
		this.clients = clients;
		this.passwordEncoder = passwordEncoder;
		this.dummyHash = dummyHash;
	}

	/** Wraps a provider that does not check secrets: only its failures are made uniform. */
	public static UniformFailureClientAuthenticationProvider of(AuthenticationProvider delegate) {
		return new UniformFailureClientAuthenticationProvider(delegate, null, null, null);
	}

	/**
	 * Wraps the provider that checks client secrets: a secret that has no client to check it
	 * against is checked against {@code dummyHash}, a hash made by {@code passwordEncoder}.
	 */
	public static UniformFailureClientAuthenticationProvider checkingSecrets(AuthenticationProvider delegate,
			RegisteredClientRepository clients, PasswordEncoder passwordEncoder, String dummyHash) {
		Assert.notNull(clients, "clients cannot be null");
		Assert.notNull(passwordEncoder, "passwordEncoder cannot be null");
		Assert.hasText(dummyHash, "dummyHash cannot be empty");
		return new UniformFailureClientAuthenticationProvider(delegate, clients, passwordEncoder, dummyHash);
	}

	/** A dummy hash of a random secret, with the encoder's own (slow) settings. */
	public static String dummyHash(PasswordEncoder passwordEncoder) {
		return passwordEncoder.encode(UUID.randomUUID().toString());
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
		if (this.dummyHash != null && presentsSecret(request) && !canPresentSecret(request)) {
			this.passwordEncoder.matches(request.getCredentials().toString(), this.dummyHash);
			throw OAuth2Errors.clientAuthenticationFailed();
		}
		try {
			return this.delegate.authenticate(authentication);
		}
		catch (OAuth2AuthenticationException ex) {
			if (OAuth2ErrorCodes.INVALID_CLIENT.equals(ex.getError().getErrorCode())) {
				throw OAuth2Errors.clientAuthenticationFailed();
			}
			throw ex;
		}
	}

	private static boolean presentsSecret(OAuth2ClientAuthenticationToken request) {
		return (ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(request.getClientAuthenticationMethod())
				|| ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(request.getClientAuthenticationMethod()))
				&& request.getCredentials() != null;
	}

	/** A known client registered for this method, with a secret to check against. */
	private boolean canPresentSecret(OAuth2ClientAuthenticationToken request) {
		RegisteredClient client = this.clients.findByClientId(request.getPrincipal().toString());
		return client != null && client.getClientSecret() != null
				&& client.getClientAuthenticationMethods().contains(request.getClientAuthenticationMethod());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}
}
