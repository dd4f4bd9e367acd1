package dev.refreshserver.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot client application (Spring Security's OAuth2 client) configured with the
 * snippet of docs/testing-with-junit.md: its provider found through the embedded server's
 * issuer, its refreshes sent to the embedded server, which rotates the refresh token.
 */
@SpringBootTest(classes = SpringOAuth2ClientTest.ClientApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		// the client application of this test reads no application.yml (the checkout's config/ is the server's)
		properties = { "spring.config.location=optional:classpath:/spring-oauth2-client-test/",
				"spring.flyway.enabled=false" })
class SpringOAuth2ClientTest {

	@RegisterExtension
	static RefreshServerExtension server = RefreshServerExtension.builder()
		.client("my-app", "my-secret", "read", "write")
		.build();

	@DynamicPropertySource
	static void refreshServer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.provider.refresh-server.issuer-uri", () -> server.issuer().toString());
		registry.add("spring.security.oauth2.client.registration.my-app.provider", () -> "refresh-server");
		registry.add("spring.security.oauth2.client.registration.my-app.client-id", () -> "my-app");
		registry.add("spring.security.oauth2.client.registration.my-app.client-secret", () -> "my-secret");
		registry.add("spring.security.oauth2.client.registration.my-app.authorization-grant-type",
				() -> "authorization_code");
		registry.add("spring.security.oauth2.client.registration.my-app.redirect-uri",
				() -> "http://127.0.0.1:8080/login/oauth2/code/my-app");
		registry.add("spring.security.oauth2.client.registration.my-app.scope", () -> "read,write");
	}

	/** The client's view of time: eleven minutes on, past the 10-minute access token. */
	static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11));

	@Autowired
	ClientRegistrationRepository registrations;

	@Autowired
	OAuth2AuthorizedClientService authorizedClients;

	@Autowired
	OAuth2AuthorizedClientManager manager;

	@Test
	void springSecuritysClientRefreshesThroughTheEmbeddedServerAndGetsARotatedRefreshToken() {
		ClientRegistration registration = this.registrations.findByRegistrationId("my-app");
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(server.tokenEndpoint().toString());
		Grant grant = server.mint("my-app", "alice", "read write");
		Instant now = Instant.now();
		this.authorizedClients.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, "alice",
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, grant.accessToken(), now,
						now.plusSeconds(grant.expiresIn())),
				new OAuth2RefreshToken(grant.refreshToken(), now)), new TestingAuthenticationToken("alice", null));

		OAuth2AuthorizedClient refreshed = authorize();
		OAuth2AuthorizedClient refreshedAgain = authorizeAfterAnotherExpiry(refreshed);

		assertThat(refreshed.getAccessToken().getTokenValue()).isNotEqualTo(grant.accessToken());
		assertThat(refreshed.getRefreshToken().getTokenValue()).isNotEqualTo(grant.refreshToken());
		assertThat(refreshedAgain.getRefreshToken().getTokenValue())
			.isNotEqualTo(refreshed.getRefreshToken().getTokenValue());
		HttpResponseView replay = new ServerHttp(server.issuer().toString(), null).refresh("my-app", "my-secret",
				grant.refreshToken(), null);
		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.error()).isEqualTo("invalid_grant");
	}

	private OAuth2AuthorizedClient authorize() {
		return this.manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("my-app")
			.principal(new TestingAuthenticationToken("alice", null))
			.build());
	}

	/** Marks the stored access token expired as the client sees it, then authorizes again. */
	private OAuth2AuthorizedClient authorizeAfterAnotherExpiry(OAuth2AuthorizedClient current) {
		this.authorizedClients.saveAuthorizedClient(new OAuth2AuthorizedClient(current.getClientRegistration(), "alice",
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, current.getAccessToken().getTokenValue(),
						Instant.now().minusSeconds(1200), Instant.now().minusSeconds(600)),
				current.getRefreshToken()), new TestingAuthenticationToken("alice", null));
		return authorize();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

		/** Refreshes a stored client whose access token has expired, on the client's clock. */
		@Bean
		OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
				OAuth2AuthorizedClientService authorizedClients) {
			AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
					registrations, authorizedClients);
			manager.setAuthorizedClientProvider(
					OAuth2AuthorizedClientProviderBuilder.builder().refreshToken((refresh) -> refresh.clock(LATER)).build());
			return manager;
		}
	}
}
