package dev.refreshserver.config;

import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2RefreshTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.PublicClientAuthenticationConverter;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.JwtClientAssertionAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import dev.refreshserver.admin.ScriptedRefreshGrant;
import dev.refreshserver.audit.TokenAudit;
import dev.refreshserver.client.ClientIdOnlyAuthenticationConverter;
import dev.refreshserver.client.ClientIdOnlyAuthenticationProvider;
import dev.refreshserver.client.ClientSecretBasicConverter;
import dev.refreshserver.client.CodeRedemptionOnlyConverter;
import dev.refreshserver.client.FormParameterGate;
import dev.refreshserver.client.UniformFailureClientAuthenticationProvider;
import dev.refreshserver.client.ClientLockoutFilter;
import dev.refreshserver.client.ClientLockouts;
import dev.refreshserver.client.LockoutRecordingFailureHandler;
import dev.refreshserver.client.VerifiedSecretCache;
import dev.refreshserver.grant.AuthorizationCodeGrantProvider;
import dev.refreshserver.grant.AuthorizationRequestRules;
import dev.refreshserver.grant.ClientCredentialsGrantProvider;
import dev.refreshserver.keys.SigningKeys;
import dev.refreshserver.protocol.OAuth2ErrorWriter;
import dev.refreshserver.protocol.OAuth2Errors;
import dev.refreshserver.protocol.RequestFirewall;
import dev.refreshserver.token.IntrospectionProvider;
import dev.refreshserver.token.RevocationProvider;
import dev.refreshserver.token.ServerMetadata;
import dev.refreshserver.token.TokenResponseWriter;
import dev.refreshserver.web.AuthorizationErrorHandler;
import dev.refreshserver.web.ConsentController;
import dev.refreshserver.web.LoginController;

/**
 * Spring Authorization Server keeps its filter chain, endpoints, client authentication and
 * metadata; the grants, introspection and revocation are ours, plugged in as providers.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfig {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
			OAuth2ErrorWriter errors, TokenResponseWriter tokenResponses, AuthorizationCodeGrantProvider codeGrant,
			ScriptedRefreshGrant refreshGrant, ClientCredentialsGrantProvider clientCredentialsGrant,
			IntrospectionProvider introspection, RevocationProvider revocation, ServerMetadata metadata,
			AuthorizationServerSettings settings, VerifiedSecretCache passwordEncoder, ClientLockouts lockouts,
			TokenAudit audit, RefreshProperties properties) {
		// A request that reaches these endpoints with no client authentication at all.
		RequestMatcher clientEndpoints = new OrRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenEndpoint()),
				PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenRevocationEndpoint()),
				PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenIntrospectionEndpoint()));
		AuthenticationEntryPoint clientAuthenticationRequired = (request, response, exception) -> errors.write(
				request, response, new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
						"Client authentication is required", OAuth2Errors.TOKEN_ERROR_URI));
		String dummyHash = UniformFailureClientAuthenticationProvider.dummyHash(passwordEncoder);
		http.oauth2AuthorizationServer((server) -> http.securityMatcher(server.getEndpointsMatcher()));
		http.oauth2AuthorizationServer((server) -> server.registeredClientRepository(clients)
				.clientAuthentication((clientAuthentication) -> clientAuthentication
					.authenticationConverter(
							new ClientIdOnlyAuthenticationConverter(settings.getTokenIntrospectionEndpoint()))
					.authenticationConverters((converters) -> converters.replaceAll((converter) -> clientConverter(converter, settings.getTokenEndpoint())))
					.authenticationProvider(new ClientIdOnlyAuthenticationProvider(clients))
					// a failure tells nothing about whether the client exists
					.authenticationProviders((providers) -> providers.replaceAll((provider) ->
							(provider instanceof ClientSecretAuthenticationProvider)
									? UniformFailureClientAuthenticationProvider.checkingSecrets(provider, clients,
											passwordEncoder, dummyHash)
									: UniformFailureClientAuthenticationProvider.of(provider)))
					.errorResponseHandler(new LockoutRecordingFailureHandler(lockouts, errors, clients, audit)))
				// response_mode and the PKCE challenge's shape, after SAS's own redirect URI and scope checks
				.authorizationEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> providers
					.forEach((provider) -> {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
							codeRequests.setAuthenticationValidator(new AuthorizationRequestRules());
						}
					}))
					// a refusal that cannot go back to the client gets a page naming the failed check
					.errorResponseHandler(new AuthorizationErrorHandler(clients, properties.admin().enabled()))
					.consentPage(ConsentController.PATH))
				.tokenEndpoint((token) -> token
					.accessTokenRequestConverters((converters) -> converters.removeIf((converter) ->
							!(converter instanceof OAuth2AuthorizationCodeAuthenticationConverter
									|| converter instanceof OAuth2RefreshTokenAuthenticationConverter
									|| converter instanceof OAuth2ClientCredentialsAuthenticationConverter)))
					.authenticationProviders((providers) -> {
						providers.clear();
						providers.addAll(List.of(codeGrant, refreshGrant, clientCredentialsGrant));
					})
					.accessTokenResponseHandler(tokenResponses)
					.errorResponseHandler(errors))
				.tokenIntrospectionEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> {
					providers.clear();
					providers.add(introspection);
				}).errorResponseHandler(errors))
				.tokenRevocationEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> {
					providers.clear();
					providers.add(revocation);
				}).errorResponseHandler(errors))
				.authorizationServerMetadataEndpoint((endpoint) -> endpoint.authorizationServerMetadataCustomizer(
						(builder) -> builder.claims((claims) -> {
							claims.clear();
							claims.putAll(metadata.claims());
						}))))
			.addFilterBefore(new ClientLockoutFilter(clientEndpoints, lockouts, clients, passwordEncoder, errors, audit),
					AbstractPreAuthenticatedProcessingFilter.class)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(clientAuthenticationRequired, clientEndpoints)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	/**
	 * Login page for the dev users, health and metrics, the admin API (guarded by its own
	 * filter), and every other path. Nothing here needs a signed-in user (the authorization
	 * endpoint that does is in the first chain), so a path that does not exist reaches the
	 * dispatcher and gets 404, not 401 or 403. CSRF protects the forms that act on the session:
	 * signing in and out, and the dev pages' forms (the admin-token gate, the playground, the
	 * conformance page's resets).
	 */
	@Bean
	@Order(2)
	SecurityFilterChain applicationChain(HttpSecurity http, RefreshProperties properties) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		List<RequestMatcher> forms = new ArrayList<>(List.of(paths.matcher(HttpMethod.POST, "/login"),
				paths.matcher(HttpMethod.POST, "/logout")));
		if (properties.admin().enabled()) {
			// the dev pages exist only then; otherwise their paths are unknown paths like any other (404)
			forms.addAll(List.of(paths.matcher(HttpMethod.POST, "/dev/**"), paths.matcher(HttpMethod.POST, "/playground/**"),
					paths.matcher(HttpMethod.POST, "/conformance/**")));
		}
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			// our page in the one look (web/LoginController); Spring Security still checks the form
			.formLogin((login) -> login.loginPage(LoginController.PATH))
			.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(new OrRequestMatcher(forms)));
		return http.build();
	}

	/**
	 * SAS's client-authentication converters, as it lists them, with three changes: a code and its
	 * PKCE verifier authenticate a public client only to redeem that code; Basic credentials and
	 * the JWT-assertion check are read without the per-request costs of SAS's versions (same
	 * answers: client/ClientSecretBasicConverter, client/FormParameterGate).
	 */
	private static AuthenticationConverter clientConverter(AuthenticationConverter converter, String tokenEndpoint) {
		if (converter instanceof PublicClientAuthenticationConverter) {
			return new CodeRedemptionOnlyConverter(converter, tokenEndpoint);
		}
		if (converter instanceof ClientSecretBasicAuthenticationConverter) {
			return new ClientSecretBasicConverter(converter);
		}
		if (converter instanceof JwtClientAssertionAuthenticationConverter) {
			return new FormParameterGate(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE, converter);
		}
		return converter;
	}

	/**
	 * Spring Security's observations (a span per filter, per authentication and per
	 * authorization) are off: wrapping every filter of every request cost ~5 % of the token
	 * endpoint's CPU. {@code http.server.requests} metrics stay on.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/** The strict firewall's default rules, checked without regular expressions (protocol/RequestFirewall). */
	@Bean
	WebSecurityCustomizer firewall() {
		return (web) -> web.httpFirewall(RequestFirewall.strict());
	}

	/**
	 * Public keys for {@code /oauth2/jwks}, read on every request so that a key added or retired
	 * through {@code /admin/keys} shows at once; signing does not go through this source.
	 */
	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
		return (selector, context) -> selector.select(keys.publicKeys());
	}
}
