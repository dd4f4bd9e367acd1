package example.relyingparty;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A typical Spring Boot web application that logs its users in with OpenID Connect: the whole
 * provider is {@code spring.security.oauth2.client.provider.local.issuer-uri}, the rest is
 * Spring Security's {@code oauth2Login()}. Outside {@code dev.refreshserver}, so that the server's
 * component scan never finds it; it reads {@code relying-party.yml}, not the server's
 * {@code application.yml}.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
public class RelyingPartyApplication {

	public static final String CONFIG_NAME = "relying-party";

	/**
	 * {@code oauth2Login()}; PKCE for this confidential client too, which the server requires of
	 * every client (RFC 9700 §2.1.1) and Spring Security sends by default only for public ones.
	 */
	@Bean
	SecurityFilterChain security(HttpSecurity http, ClientRegistrationRepository registrations) {
		DefaultOAuth2AuthorizationRequestResolver withPkce = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, "/oauth2/authorization");
		withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.oauth2Login((login) -> login
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(withPkce)));
		return http.build();
	}

	/** Refreshes the access token once it is within a minute of its expiry (Spring Security's default skew). */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
				authorizedClients);
		manager.setAuthorizedClientProvider(
				OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
		return manager;
	}

	/** The pages of the application. */
	@RestController
	static class Pages {

		private final OAuth2AuthorizedClientManager authorizedClients;

		private final OAuth2AuthorizedClientRepository stored;

		Pages(OAuth2AuthorizedClientManager authorizedClients, OAuth2AuthorizedClientRepository stored) {
			this.authorizedClients = authorizedClients;
			this.stored = stored;
		}

		/** Greets the user by the name in their ID token. */
		@GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
		String hello(@AuthenticationPrincipal OidcUser user) {
			return "Hello, " + user.getIdToken().getFullName() + " (" + user.getIdToken().getSubject() + ")";
		}

		/** The access token the application holds, as it is (never refreshed here). */
		@GetMapping(path = "/stored-token", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, Object> storedToken(Authentication user, HttpServletRequest request) {
			OAuth2AuthorizedClient client = this.stored.loadAuthorizedClient("local", user, request);
			return Map.of("access_token", client.getAccessToken().getTokenValue());
		}

		/** The access token the application would call an API with now, refreshed when it is due. */
		@GetMapping(path = "/access-token", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, Object> accessToken(Authentication user, HttpServletRequest request,
				HttpServletResponse response) {
			OAuth2AuthorizedClient client = this.authorizedClients.authorize(OAuth2AuthorizeRequest
				.withClientRegistrationId("local")
				.principal(user)
				.attribute(HttpServletRequest.class.getName(), request)
				.attribute(HttpServletResponse.class.getName(), response)
				.build());
			return Map.of("access_token", client.getAccessToken().getTokenValue());
		}
	}
}
