package dev.refreshserver.config;

import java.util.HashSet;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

import dev.refreshserver.admin.ServerClock;
import dev.refreshserver.conformance.ObservationLog;
import dev.refreshserver.conformance.TokenEndpointObserver;
import dev.refreshserver.profile.RequestRules;
import dev.refreshserver.refresh.RefreshPolicies;

/** Conformance observation: a filter in front of the token endpoint, only while the control plane is on. */
@Configuration(proxyBeanMethods = false)
public class ConformanceConfig {

	@Bean
	FilterRegistrationBean<TokenEndpointObserver> tokenEndpointObserver(RefreshProperties properties,
			ObservationLog log, ServerClock clock, AuthorizationServerSettings settings, RefreshPolicies policies,
			RegisteredClientRepository clients, JsonMapper json) {
		Set<String> tokenPaths = new HashSet<>(RequestRules.anyOf(policies.requestRulesInUse()).tokenPaths());
		tokenPaths.add(settings.getTokenEndpoint());
		FilterRegistrationBean<TokenEndpointObserver> registration = new FilterRegistrationBean<>(
				new TokenEndpointObserver(log, clock, tokenPaths, "/admin/grants",
						(clientId) -> clients.findByClientId(clientId) != null, json));
		// in production the token endpoint does not pass through it at all
		registration.setEnabled(properties.admin().enabled());
		// outside TokenRequestFilter, so that requests it refuses are observed too
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 2);
		return registration;
	}
}
