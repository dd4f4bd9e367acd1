package dev.refreshserver.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.jwk.JWK;

import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.keys.SigningKeys;

/**
 * Once the server listens: tightens the files H2 and the key loader created to 0600, then
 * says in one INFO line what this instance runs with (port, scheme, profile, issuer, store,
 * keys, admin API), and warns when the admin API is on.
 */
@Component
public class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(StartupReport.class);

	private final RefreshProperties properties;

	private final SigningKeys keys;

	private final Environment environment;

	public StartupReport(RefreshProperties properties, SigningKeys keys, Environment environment) {
		this.properties = properties;
		this.keys = keys;
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		try {
			OwnerOnlyFiles.tightenFiles(this.properties.dataDir());
			OwnerOnlyFiles.tightenFiles(this.properties.keysDir());
		}
		catch (IOException ex) {
			logger.warn("Could not make the files of " + this.properties.dataDir() + " and "
					+ this.properties.keysDir() + " owner-only: " + ex);
		}
		int port = (event.getApplicationContext() instanceof WebServerApplicationContext web
				&& web.getWebServer() != null) ? web.getWebServer().getPort() : -1;
		logger.info(summary(port));
		if (this.properties.admin().enabled()) {
			logger.warn("/admin is ENABLED (refresh.admin.token is set): anyone with the token can mint grants"
					+ " and move the clock; leave it unset in production");
		}
	}

	String summary(int port) {
		String issuer = (this.properties.issuer() == null || this.properties.issuer().isBlank()) ? "from each request"
				: this.properties.issuer();
		String published = this.keys.publicKeys().getKeys().stream().map(JWK::getKeyID).collect(Collectors.joining(","));
		return "Refresh Server on port " + port + " (" + (this.properties.tls().enabled() ? "https" : "http")
				+ "), profile " + this.properties.profile() + ", issuer " + issuer + ", store "
				+ store(this.environment.getProperty("spring.datasource.url", "")) + ", signing key "
				+ this.keys.current().getKeyID() + " (" + this.keys.algorithm() + "), published keys [" + published
				+ "], admin API " + (this.properties.admin().enabled() ? "enabled" : "off");
	}

	/** An H2 file as its absolute path; any other JDBC URL without its password. */
	static String store(String url) {
		if (url.startsWith("jdbc:h2:file:")) {
			String path = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
			return "H2 " + Path.of(path).toAbsolutePath().normalize() + ".mv.db";
		}
		return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/:@]+):[^/@]*@", "//$1:***@");
	}
}
