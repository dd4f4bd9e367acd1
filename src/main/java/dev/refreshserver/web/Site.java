package dev.refreshserver.web;

import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.token.IssuerResolver;

/**
 * What the header and footer of every page show: the server's name, its issuer and whether the
 * dev pages exist. Templates read it as {@code ${@site}}, so error pages rendered outside our
 * controllers carry the same header.
 */
@Component("site")
public class Site {

	private final IssuerResolver issuer;

	private final boolean devMode;

	public Site(IssuerResolver issuer, RefreshProperties properties) {
		this.issuer = issuer;
		this.devMode = properties.admin().enabled();
	}

	public String name() {
		return "Refresh Server";
	}

	public String issuer() {
		return this.issuer.issuer();
	}

	/** True when {@code --refresh.admin.token} is set: the playground and conformance pages exist. */
	public boolean devMode() {
		return this.devMode;
	}
}
