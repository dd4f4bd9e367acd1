package dev.refreshserver.config;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.Ordered;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import dev.refreshserver.admin.AdminAccessFilter;
import dev.refreshserver.admin.ServerClock;
import dev.refreshserver.client.VerifiedSecretCache;
import dev.refreshserver.protocol.EndpointErrorFilter;
import dev.refreshserver.protocol.OAuth2ErrorWriter;
import dev.refreshserver.protocol.RequestTargetFilter;
import dev.refreshserver.profile.RequestRules;
import dev.refreshserver.protocol.TokenRequestFilter;
import dev.refreshserver.refresh.RefreshPolicies;
import dev.refreshserver.store.DurableTransactionManager;

/** The beans everything else stands on: time, password hashing, settings and servlet filters. */
@Configuration(proxyBeanMethods = false)
public class ServerConfig {

	@Bean
	ServerClock clock() {
		return new ServerClock(Clock.systemUTC());
	}

	/**
	 * Client secrets and dev passwords are stored as bcrypt of the configured cost; a hash given in
	 * the configuration in any format Spring Security knows ({@code {pbkdf2}...}) still verifies.
	 * Verified pairs are remembered briefly.
	 */
	@Bean
	VerifiedSecretCache passwordEncoder(SecretHashingProperties hashing) {
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("bcrypt",
				Map.of("bcrypt", new BCryptPasswordEncoder(hashing.bcryptStrength())));
		encoder.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
		return new VerifiedSecretCache(encoder, Duration.ofMinutes(10), 10_000);
	}

	/** Every write goes through this: a commit returns once it is durable (store/DurableTransactionManager). */
	@Bean
	DurableTransactionManager transactionManager(DataSource dataSource, RefreshProperties properties) {
		return new DurableTransactionManager(dataSource, properties.store().durableCommits(),
				properties.store().syncToDisk());
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(RefreshProperties properties) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		if (properties.issuer() != null && !properties.issuer().isBlank()) {
			settings.issuer(properties.issuer());
		}
		return settings.build();
	}

	/** Consents in the database, like codes (store.AuthorizationCodeStore), so every instance sees them. */
	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	/** A password given as a hash ({@code {bcrypt}...}, from {@code hash-secret}) is kept as it is. */
	@Bean
	UserDetailsService users(RefreshProperties properties, PasswordEncoder passwordEncoder) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		properties.users()
			.forEach((user) -> users.createUser(User.withUsername(user.username())
				.password(user.password().startsWith("{") ? user.password() : passwordEncoder.encode(user.password()))
				.roles("USER")
				.build()));
		return users;
	}

	/** The token endpoints, the path aliases of the profiles in use, and each client's request rules. */
	@Bean
	FilterRegistrationBean<TokenRequestFilter> tokenRequestFilter(AuthorizationServerSettings settings,
			RefreshPolicies policies, OAuth2ErrorWriter errors, JsonMapper json) {
		RequestRules anyRules = RequestRules.anyOf(policies.requestRulesInUse());
		Map<String, String> endpoints = new HashMap<>();
		for (String endpoint : List.of(settings.getTokenEndpoint(), settings.getTokenRevocationEndpoint(),
				settings.getTokenIntrospectionEndpoint())) {
			endpoints.put(endpoint, endpoint);
		}
		anyRules.tokenPaths().forEach((alias) -> endpoints.put(alias, settings.getTokenEndpoint()));
		FilterRegistrationBean<TokenRequestFilter> registration = new FilterRegistrationBean<>(new TokenRequestFilter(
				endpoints, settings.getTokenEndpoint(), policies::requestRules, anyRules, errors, json));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

	/** A request path that cannot be parsed is a 400 before anything else parses it. */
	@Bean
	FilterRegistrationBean<RequestTargetFilter> requestTargetFilter(OAuth2ErrorWriter errors) {
		FilterRegistrationBean<RequestTargetFilter> registration = new FilterRegistrationBean<>(
				new RequestTargetFilter(errors));
		// also around the error dispatch, where Spring Security reads the parameters once more
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** The container's own errors for requests to those endpoints, answered in their JSON. */
	@Bean
	FilterRegistrationBean<EndpointErrorFilter> endpointErrorFilter(
			FilterRegistrationBean<TokenRequestFilter> tokenRequestFilter, OAuth2ErrorWriter errors) {
		FilterRegistrationBean<EndpointErrorFilter> registration = new FilterRegistrationBean<>(
				new EndpointErrorFilter(tokenRequestFilter.getFilter().endpoints(), errors));
		registration.setDispatcherTypes(DispatcherType.ERROR);
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<AdminAccessFilter> adminAccessFilter(RefreshProperties properties) {
		FilterRegistrationBean<AdminAccessFilter> registration = new FilterRegistrationBean<>(
				new AdminAccessFilter(properties.admin().enabled() ? properties.admin().token() : null));
		registration.addUrlPatterns("/admin/*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}
}
