package dev.refreshserver.token;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.refreshserver.config.RefreshProperties;

/**
 * The issuer identifier: {@code refresh.issuer} when configured, else the scheme, host and
 * port the current request came in on (as Spring Authorization Server resolves it).
 */
@Component
public class IssuerResolver {

	private final String configured;

	public IssuerResolver(RefreshProperties properties) {
		this.configured = (properties.issuer() == null || properties.issuer().isBlank()) ? null
				: properties.issuer();
	}

	public String issuer() {
		return (this.configured != null) ? this.configured
				: ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}

	/** The configured issuer, or null when it follows the request. */
	public String configured() {
		return this.configured;
	}
}
